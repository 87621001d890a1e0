import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let now = 1_000;
  const clock = () => now;

  it('answers a value until its TTL has passed, then forgets it', () => {
    const cache = new TtlCache<string>(10, 500, clock);
    cache.set('a', 'x');
    now += 499;
    expect(cache.get('a')).toBe('x');
    now += 1;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest written first', () => {
    const cache = new TtlCache<number>(2, 10_000, clock);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 3); // rewritten: now the newest
    cache.set('c', 4);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(3);
    expect(cache.get('c')).toBe(4);
    expect(cache.size).toBe(2);
  });

  it('starts a rewritten entry’s TTL again', () => {
    const cache = new TtlCache<number>(2, 100, clock);
    cache.set('a', 1);
    now += 80;
    cache.set('a', 2);
    now += 80;
    expect(cache.get('a')).toBe(2);
  });

  it('loads through the cache, keeping a found value and never "not found"', async () => {
    const cache = new TtlCache<string>(10, 1_000, clock);
    const answers: Array<string | null> = [null, 'x', 'y'];
    const load = () => Promise.resolve(answers.shift() ?? null);
    expect(await cache.through('k', load)).toBeNull();
    expect(await cache.through('k', load)).toBe('x');
    expect(await cache.through('k', load)).toBe('x');
    expect(await cache.through('k', load, true)).toBe('y');
    expect(cache.get('k')).toBe('y');
  });
});
