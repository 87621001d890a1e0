/** A token bucket per provider: `ratePerSec` sustained, bursts up to the same number. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSec: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = ratePerSec;
    this.last = now();
  }

  /** Milliseconds to wait before a token is free (0 = one was taken now). */
  take(): number {
    const t = this.now();
    this.tokens = Math.min(
      this.ratePerSec,
      this.tokens + ((t - this.last) / 1000) * this.ratePerSec,
    );
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - this.tokens) / this.ratePerSec) * 1000);
  }

  /** Waits for a token. */
  async acquire(): Promise<void> {
    for (let wait = this.take(); wait > 0; wait = this.take()) {
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

export class RateLimiters {
  private readonly buckets = new Map<string, TokenBucket>();
  constructor(private readonly ratePerSec: number) {}

  acquire(provider: string): Promise<void> {
    let b = this.buckets.get(provider);
    if (!b) this.buckets.set(provider, (b = new TokenBucket(this.ratePerSec)));
    return b.acquire();
  }
}
