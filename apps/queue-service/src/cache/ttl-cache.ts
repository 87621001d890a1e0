/**
 * An in-process cache whose entries expire after `ttlMs`. It holds promises, so concurrent misses
 * of one key share one load, and a failed load is forgotten at once (the next read retries).
 * Expired entries are swept when the cache grows past `sweepAt`, so keys that are never read again
 * (past service dates) do not pile up.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { at: number; value: Promise<V> }>();

  constructor(
    private readonly ttlMs: number,
    private readonly sweepAt = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The cached value of `key`, or what `load` gives (then cached). */
  get(key: string, load: () => Promise<V>): Promise<V> {
    const at = this.now();
    const hit = this.entries.get(key);
    if (hit && at - hit.at < this.ttlMs) return hit.value;
    if (this.entries.size >= this.sweepAt) this.sweep(at);
    const value = load();
    const entry = { at, value };
    this.entries.set(key, entry);
    value.catch(() => {
      // Only this load's entry: an invalidation and a newer load may have replaced it meanwhile.
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** Forgets every key that starts with `prefix` (e.g. one facility's `F001/`). */
  deletePrefix(prefix: string): void {
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  private sweep(at: number): void {
    for (const [key, e] of this.entries) if (at - e.at >= this.ttlMs) this.entries.delete(key);
  }
}

/**
 * How long an instance keeps master data (facilities, polis, doctors, sessions, absences). Every
 * instance forgets a changed facility at once (MasterDataChanges over Redis pub/sub); this only
 * bounds how stale a copy can be when such an announcement is lost (Redis away at that moment).
 */
export const MASTER_DATA_TTL_MS = 10 * 60_000;
