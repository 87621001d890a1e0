import type Redis from 'ioredis';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimiterMemory, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { GatewayConfig } from '../config';
import { by, RateLimiter, type RateRule } from './rate-limit';

/** The real limiter logic over rate-limiter-flexible's in-memory store (no Redis in a unit test). */
class MemoryRateLimiter extends RateLimiter {
  readonly stores = new Map<string, RateLimiterMemory>();
  constructor() {
    super({} as Redis);
  }
  protected override createLimiter(opts: {
    keyPrefix: string;
    points: number;
    duration: number;
  }): RateLimiterAbstract {
    const store = new RateLimiterMemory(opts);
    this.stores.set(opts.keyPrefix, store);
    return store;
  }
  consumed(name: string, key: string): Promise<number> {
    return this.stores
      .get(`gateway:rl:${name}`)!
      .get(key)
      .then((r) => r?.consumedPoints ?? 0);
  }
}

const rule = (
  name: string,
  max: number,
  windowSeconds: number,
  key: RateRule['key'] = by.ip,
): RateRule => ({
  name,
  windowSeconds,
  max: () => max,
  key,
});
const config = {} as GatewayConfig;
const request = (ip: string, facilityCode = 'F1') =>
  ({ ip, params: { facilityCode } }) as unknown as FastifyRequest;
const replyMock = () => {
  const headers: Record<string, string> = {};
  const reply = {
    header: (k: string, v: string) => {
      headers[k] = v;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, headers };
};

describe('RateLimiter', () => {
  const perIp = rule('t-ip', 2, 60);
  const perFacility = rule('t-facility', 3, 600, by.param('facilityCode'));

  it('lets requests through within every rule and counts each rule once', async () => {
    const limiter = new MemoryRateLimiter();
    await limiter.enforce([perIp, perFacility], config, request('1.1.1.1'), replyMock().reply);
    expect(await limiter.consumed('t-ip', '1.1.1.1')).toBe(1);
    expect(await limiter.consumed('t-facility', 'f1')).toBe(1);
  });

  it('names the first refusing rule; a request refused per IP leaves the facility budget alone', async () => {
    const limiter = new MemoryRateLimiter();
    const send = (ip: string) => {
      const r = replyMock();
      return { r, done: limiter.enforce([perIp, perFacility], config, request(ip), r.reply) };
    };
    await send('1.1.1.1').done;
    await send('1.1.1.1').done;
    const refused = send('1.1.1.1');
    await expect(refused.done).rejects.toMatchObject({
      code: 'COMMON.RATE_LIMITED',
      details: { limit: 't-ip' },
    });
    expect(await limiter.consumed('t-facility', 'f1')).toBe(2);
    // Another address still gets the facility's third request.
    await send('2.2.2.2').done;
    await expect(send('3.3.3.3').done).rejects.toMatchObject({
      details: { limit: 't-facility' },
    });
  });

  it('answers the largest Retry-After of the rules that refused', async () => {
    const limiter = new MemoryRateLimiter();
    const tight = [rule('t-short', 1, 5), rule('t-long', 1, 600)];
    await limiter.enforce(tight, config, request('9.9.9.9'), replyMock().reply);
    const { reply, headers } = replyMock();
    await expect(limiter.enforce(tight, config, request('9.9.9.9'), reply)).rejects.toMatchObject({
      details: { limit: 't-short', retryAfterSeconds: 600 },
    });
    expect(headers['retry-after']).toBe('600');
    // The refund leaves the later rule at its limit, not beyond it.
    expect(await limiter.consumed('t-long', '9.9.9.9')).toBe(1);
  });

  it('asks every rule at once instead of one after the other', async () => {
    const started: string[] = [];
    const release: Array<() => void> = [];
    class Gated extends RateLimiter {
      constructor() {
        super({} as Redis);
      }
      protected override createLimiter(opts: { keyPrefix: string }): RateLimiterAbstract {
        return {
          consume: () =>
            new Promise<void>((resolve) => {
              started.push(opts.keyPrefix);
              release.push(resolve);
            }),
        } as unknown as RateLimiterAbstract;
      }
    }
    const done = new Gated().enforce(
      [perIp, perFacility],
      config,
      request('1.1.1.1'),
      replyMock().reply,
    );
    await Promise.resolve();
    expect(started).toEqual(['gateway:rl:t-ip', 'gateway:rl:t-facility']);
    release.forEach((r) => r());
    await expect(done).resolves.toBeUndefined();
  });
});
