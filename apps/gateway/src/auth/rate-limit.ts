import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
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

/**
 * Fixed-window counters in Redis (rate-limiter-flexible), so every gateway instance counts the same
 * requests. Answers 429 COMMON.RATE_LIMITED with Retry-After when a limit is exceeded.
 */
@Injectable()
export class RateLimiter {
  private readonly limiters = new Map<string, RateLimiterRedis>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  private limiterFor(rule: RateRule, config: GatewayConfig): RateLimiterRedis {
    const points = rule.max(config);
    const id = `${rule.name}|${points}|${rule.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `gateway:rl:${rule.name}`,
        points,
        duration: rule.windowSeconds,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  async enforce(
    rules: readonly RateRule[],
    config: GatewayConfig,
    req: FastifyRequest,
    reply: FastifyReply,
  ): Promise<void> {
    for (const rule of rules) {
      const key = rule.key(req) ?? req.ip;
      try {
        await this.limiterFor(rule, config).consume(key);
      } catch (e) {
        if (!(e instanceof RateLimiterRes)) throw e; // Redis trouble: not the client's fault
        const retryAfter = Math.max(1, Math.ceil(e.msBeforeNext / 1000));
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
