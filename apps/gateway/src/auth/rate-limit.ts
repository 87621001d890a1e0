import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import type Redis from 'ioredis';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CommonErrorCode, DomainError } from '@app/http';
import { REDIS } from '@app/redis';
import type { GatewayConfig } from '../config';

/**
 * One limit: at most `max(config)` requests per `windowSeconds` for each key. A key of undefined
 * (e.g. the body has no username) falls back to the IP alone.
 */
export interface RateRule {
  name: string;
  windowSeconds: number;
  max: (config: GatewayConfig) => number;
  key: (req: FastifyRequest) => string | undefined;
}

export const RATE_LIMIT_METADATA = 'gateway:rate-limit';
export const RateLimit = (...rules: RateRule[]) => SetMetadata(RATE_LIMIT_METADATA, rules);

const field = (req: FastifyRequest, where: 'body' | 'params', name: string): string => {
  const v = (req[where] as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.toLowerCase().slice(0, 100) : '';
};

/** Building blocks of the gateway's rules. */
export const by = {
  ip: (req: FastifyRequest) => req.ip,
  ipAndBody: (name: string) => (req: FastifyRequest) => `${req.ip}|${field(req, 'body', name)}`,
  body: (name: string) => (req: FastifyRequest) => field(req, 'body', name) || undefined,
  param: (name: string) => (req: FastifyRequest) => field(req, 'params', name) || undefined,
};

// INCR and set the window's expiry on its first hit, atomically; answers [count, ms left].
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {n, redis.call('PTTL', KEYS[1])}`;

/**
 * Fixed-window counters in Redis, so every gateway instance counts the same requests. Answers
 * 429 COMMON.RATE_LIMITED with Retry-After when a limit is exceeded.
 */
@Injectable()
export class RateLimiter {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  async enforce(
    rules: readonly RateRule[],
    config: GatewayConfig,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    for (const rule of rules) {
      const key = rule.key(req) ?? req.ip;
      const [count, pttl] = (await this.redis.eval(
        HIT,
        1,
        `gateway:rl:${rule.name}:${key}`,
        String(rule.windowSeconds * 1000),
      )) as [number, number];
      const max = rule.max(config);
      if (count > max) {
        const retryAfter = Math.max(
          1,
          Math.ceil((pttl > 0 ? pttl : rule.windowSeconds * 1000) / 1000),
        );
        void reply.header('retry-after', String(retryAfter));
        throw new DomainError(
          CommonErrorCode.RateLimited,
          `Terlalu banyak permintaan. Coba lagi dalam ${retryAfter} detik.`,
          { retryAfterSeconds: retryAfter, limit: rule.name },
        );
      }
    }
  }
}
