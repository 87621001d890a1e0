import { inBatches, retentionCutoff } from './retention';

const steps = (...ns: number[]) => {
  const left = [...ns];
  const calls: number[] = [];
  return { step: () => Promise.resolve(calls.push(1) && (left.shift() ?? 0)), calls };
};

describe('inBatches', () => {
  it('runs until a step handles nothing, reporting each batch with the running total', async () => {
    const { step, calls } = steps(3, 2, 0, 9);
    const seen: Array<[number, number]> = [];
    expect(await inBatches(step, { onBatch: (n, t) => seen.push([n, t]) })).toBe(5);
    expect(calls).toHaveLength(3);
    expect(seen).toEqual([
      [3, 3],
      [2, 5],
    ]);
  });

  it('stops after a short batch when told the batch size, without an empty extra step', async () => {
    const { step, calls } = steps(500, 500, 12, 500);
    expect(await inBatches(step, { until: 500 })).toBe(1012);
    expect(calls).toHaveLength(3);
  });
});

describe('retentionCutoff', () => {
  it('is the given number of whole days before now', () => {
    expect(retentionCutoff(new Date('2026-12-07T00:00:00Z'), 365).toISOString()).toBe(
      '2025-12-07T00:00:00.000Z',
    );
  });
});
