import { retryDelayMs } from './backoff';
import { TokenBucket } from './rate-limiter';

describe('retryDelayMs', () => {
  it('doubles per failure, caps, and jitters within the upper half', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelayMs(20, 1000, 60_000, () => 1)).toBe(60_000);
    for (let i = 0; i < 50; i += 1) {
      const d = retryDelayMs(3, 1000, 60_000);
      expect(d).toBeGreaterThanOrEqual(2000);
      expect(d).toBeLessThanOrEqual(4000);
    }
  });
});

describe('TokenBucket', () => {
  it('allows a burst of `rate`, then one token per 1/rate seconds', () => {
    let t = 0;
    const bucket = new TokenBucket(5, () => t);
    for (let i = 0; i < 5; i += 1) expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBe(200);
    t += 200;
    expect(bucket.take()).toBe(0);
    expect(bucket.take()).toBeGreaterThan(0);
  });
});
