/**
 * A small bounded map whose entries expire: at most `maxEntries` (the oldest written is dropped
 * first) and each for `ttlMs` after it was written. No LRU package is a direct dependency, and
 * insertion order is enough for lookups that are answered the same way every time.
 */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key); // a rewrite counts as the newest
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  /**
   * The cached value, else what `load` answers, kept unless null ("not found" is never kept: the
   * thing may exist a moment later). `refresh` loads whatever the cache holds.
   */
  async through(key: string, load: () => Promise<V | null>, refresh = false): Promise<V | null> {
    const hit = refresh ? undefined : this.get(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (value !== null) this.set(key, value);
    return value;
  }

  get size(): number {
    return this.entries.size;
  }
}
