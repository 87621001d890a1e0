import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  let clock = 0;
  const now = () => clock;
  beforeEach(() => (clock = 1_000));

  it('loads a key once while it is fresh, again after it expired', async () => {
    const cache = new TtlCache<number>(100, 10_000, now);
    let loads = 0;
    const load = () => Promise.resolve(++loads);
    expect(await Promise.all([cache.get('a', load), cache.get('a', load)])).toEqual([1, 1]);
    clock += 99;
    expect(await cache.get('a', load)).toBe(1);
    clock += 1;
    expect(await cache.get('a', load)).toBe(2);
  });

  it('forgets a failed load so the next read tries again', async () => {
    const cache = new TtlCache<number>(100, 10_000, now);
    await expect(cache.get('a', () => Promise.reject(new Error('db away')))).rejects.toThrow();
    expect(await cache.get('a', () => Promise.resolve(7))).toBe(7);
  });

  it('forgets the keys of one prefix only', async () => {
    const cache = new TtlCache<string>(100, 10_000, now);
    await cache.get('F1/INT', () => Promise.resolve('old'));
    await cache.get('F10/INT', () => Promise.resolve('other'));
    cache.deletePrefix('F1/');
    expect(await cache.get('F1/INT', () => Promise.resolve('new'))).toBe('new');
    expect(await cache.get('F10/INT', () => Promise.resolve('reloaded'))).toBe('other');
  });

  it('sweeps expired keys once it grows past its bound', async () => {
    const cache = new TtlCache<number>(100, 3, now);
    for (const k of ['a', 'b', 'c']) await cache.get(k, () => Promise.resolve(1));
    clock += 100;
    await cache.get('d', () => Promise.resolve(1));
    expect(cache.size).toBe(1);
  });
});
