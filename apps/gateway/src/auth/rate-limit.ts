import { Inject, Injectable, SetMetadata } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
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
 *
 * A route's rules are consumed concurrently (one Redis round trip of latency, not one per rule),
 * and the outcome is the one consuming them in order would give: the first rule in declaration
 * order that refuses is the `limit` reported (a Redis failure before it is thrown as such), and
 * the rules after it get their point back, so a request refused per IP does not eat into its
 * facility's budget for everyone else. Retry-After is the largest of the refusing rules (a later
 * rule that refused stays over its limit after the refund, so the client must wait for it too).
 * Between the concurrent consume and the refund, a later rule briefly counts one request too
 * many: another request arriving in that round trip may be refused one request early.
 */
@Injectable()
export class RateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(@Inject(REDIS) private readonly redis: Redis) {}

  /** The store behind one rule (the unit test uses rate-limiter-flexible's in-memory one). */
  protected createLimiter(opts: {
    keyPrefix: string;
    points: number;
    duration: number;
  }): RateLimiterAbstract {
    return new RateLimiterRedis({ storeClient: this.redis, ...opts });
  }

  private limiterFor(rule: RateRule, config: GatewayConfig): RateLimiterAbstract {
    const points = rule.max(config);
    const id = `${rule.name}|${points}|${rule.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = this.createLimiter({
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
    const counted = rules.map((rule) => ({
      rule,
      limiter: this.limiterFor(rule, config),
      key: rule.key(req) ?? req.ip,
    }));
    const outcomes = await Promise.allSettled(counted.map((c) => c.limiter.consume(c.key)));
    const first = outcomes.findIndex((o) => o.status === 'rejected');
    if (first < 0) return;
    const reason: unknown = (outcomes[first] as PromiseRejectedResult).reason;
    // Rules after the first failure would not have been consumed one by one: give their point back.
    await Promise.all(
      counted.slice(first + 1).map((c) => c.limiter.reward(c.key).catch(() => undefined)),
    );
    if (!(reason instanceof RateLimiterRes)) throw reason; // Redis trouble: not the client's fault
    const waitMs = Math.max(
      ...outcomes.map((o) =>
        o.status === 'rejected' && o.reason instanceof RateLimiterRes ? o.reason.msBeforeNext : 0,
      ),
    );
    const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
    void reply.header('retry-after', String(retryAfter));
    throw new DomainError(
      CommonErrorCode.RateLimited,
      `Terlalu banyak permintaan. Coba lagi dalam ${retryAfter} detik.`,
      { retryAfterSeconds: retryAfter, limit: counted[first].rule.name },
    );
  }
}
