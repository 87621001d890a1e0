import { Gauge, Registry } from 'prom-client';
import { sampledCollect, type Sample } from './sampled-gauge';

type L = 'facility';

function setup(sample: () => Promise<Array<Sample<L>>>, opts: { minIntervalMs?: number } = {}) {
  const registry = new Registry();
  let now = 0;
  const gauge = new Gauge<L>({
    name: 'test_gauge',
    help: 'test',
    labelNames: ['facility'],
    registers: [registry],
    collect: sampledCollect(sample, { name: 'test_gauge', timeoutMs: 20, now: () => now, ...opts }),
  });
  const read = async () => (await gauge.get()).values;
  return { gauge, registry, read, advance: (ms: number) => (now += ms) };
}

describe('sampledCollect', () => {
  it('reports what the sample returns at scrape time, dropping series that went away', async () => {
    const answers: Array<Array<Sample<L>>> = [
      [
        { labels: { facility: 'A' }, value: 3 },
        { labels: { facility: 'B' }, value: 1 },
      ],
      [{ labels: { facility: 'A' }, value: 0 }],
    ];
    const { registry, read } = setup(() => Promise.resolve(answers.shift() ?? []));
    expect(await registry.metrics()).toContain('test_gauge{facility="A"} 3');
    expect((await read()).map((v) => [v.labels.facility, v.value])).toEqual([['A', 0]]);
  });

  it('keeps the last values when the source fails, and the scrape still succeeds', async () => {
    let fail = false;
    const { registry, read } = setup(() =>
      fail
        ? Promise.reject(new Error('redis away'))
        : Promise.resolve([{ labels: { facility: 'A' }, value: 5 }]),
    );
    await read();
    fail = true;
    await expect(registry.metrics()).resolves.toContain('test_gauge{facility="A"} 5');
  });

  it('serves the last values to scrapes closer together than minIntervalMs', async () => {
    let n = 0;
    const sample = jest.fn(() => Promise.resolve([{ labels: { facility: 'A' }, value: ++n }]));
    const { read, advance } = setup(sample, { minIntervalMs: 1_000 });
    expect((await read())[0].value).toBe(1);
    advance(500);
    expect((await read())[0].value).toBe(1);
    advance(600);
    expect((await read())[0].value).toBe(2);
    expect(sample).toHaveBeenCalledTimes(2);
  });

  it('does not hold a scrape for a slow source; the late answer lands afterwards', async () => {
    let release!: () => void;
    const late = new Promise<Array<Sample<L>>>((resolve) => {
      release = () => resolve([{ labels: { facility: 'A' }, value: 2 }]);
    });
    const answers = [Promise.resolve([{ labels: { facility: 'A' }, value: 1 }]), late];
    const { read } = setup(() => (answers.length > 1 ? answers.shift()! : answers[0]));
    await read();
    expect((await read())[0].value).toBe(1); // the second sample is still running
    release();
    await late;
    await new Promise((r) => setImmediate(r));
    expect((await read())[0].value).toBe(2);
  });
});
