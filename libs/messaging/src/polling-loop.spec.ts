import { periodic, PollingLoop, pollingBackoffMs, type PollingLoopOptions } from './polling-loop';

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (real time, a few ms at a time) until `cond` holds. */
async function until(cond: () => boolean, timeoutMs = 1_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await tick(2);
  }
}

function loopWith(
  work: PollingLoopOptions['work'],
  extra: Partial<PollingLoopOptions> = {},
): { loop: PollingLoop; warn: jest.Mock } {
  const warn = jest.fn();
  const loop = new PollingLoop({ name: 'test', idleMs: 60_000, work, logger: { warn }, ...extra });
  return { loop, warn };
}

describe('pollingBackoffMs', () => {
  it('doubles from the base per failure and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map((f) => pollingBackoffMs(f, 200, 10_000))).toEqual([
      400, 800, 1_600, 3_200, 6_400, 10_000, 10_000, 10_000,
    ]);
    expect(pollingBackoffMs(10, 10, 100_000)).toBe(640); // exponent capped at 2^6
  });

  it('spreads the delay over the jittered fraction', () => {
    expect(pollingBackoffMs(1, 200, 10_000, 0.5, () => 0)).toBe(200);
    expect(pollingBackoffMs(1, 200, 10_000, 0.5, () => 1)).toBe(400);
    expect(pollingBackoffMs(1, 200, 10_000, 1, () => 0.5)).toBe(200);
  });
});

describe('PollingLoop', () => {
  it('runs again at once while turns are busy, then sleeps when idle', async () => {
    const results = [5, 5, 2];
    const work = jest.fn(() => Promise.resolve(results.shift() ?? 0));
    const { loop } = loopWith(work, { busyWhen: (n) => n === 5 });
    loop.start();
    await until(() => work.mock.calls.length === 3);
    await tick(20);
    expect(work).toHaveBeenCalledTimes(3); // the partial batch ended the burst: idle for 60 s
    await loop.stop();
  });

  it('by default treats any work done as busy', async () => {
    const results = [1, 1, 0];
    const work = jest.fn(() => Promise.resolve(results.shift() ?? 0));
    const { loop } = loopWith(work);
    loop.start();
    await until(() => work.mock.calls.length === 3);
    await tick(20);
    expect(work).toHaveBeenCalledTimes(3);
    await loop.stop();
  });

  it('polls again after idleMs', async () => {
    const work = jest.fn(() => Promise.resolve(0));
    const { loop } = loopWith(work, { idleMs: 5 });
    loop.start();
    await until(() => work.mock.calls.length >= 3);
    await loop.stop();
  });

  it('kick() wakes a sleeping loop', async () => {
    const work = jest.fn(() => Promise.resolve(0));
    const { loop } = loopWith(work);
    loop.start();
    await until(() => work.mock.calls.length === 1);
    await tick(5);
    loop.kick();
    await until(() => work.mock.calls.length === 2);
    await loop.stop();
  });

  it('a kick during a turn makes another turn follow at once', async () => {
    let release!: () => void;
    const work = jest.fn(
      () =>
        new Promise<number>((resolve) => {
          if (work.mock.calls.length === 1) release = () => resolve(0);
          else resolve(0);
        }),
    );
    const { loop } = loopWith(work);
    loop.start();
    await until(() => work.mock.calls.length === 1);
    loop.kick();
    release();
    await until(() => work.mock.calls.length === 2);
    await tick(20);
    expect(work).toHaveBeenCalledTimes(2);
    await loop.stop();
  });

  it('backs off exponentially on failure, logs, and recovers', async () => {
    let failuresLeft = 2;
    const work = jest.fn(() =>
      failuresLeft-- > 0 ? Promise.reject(new Error('broker away')) : Promise.resolve(0),
    );
    const { loop, warn } = loopWith(work, {
      backoffBaseMs: 2,
      maxBackoffMs: 50,
      failureMessage: 'publish failed',
    });
    loop.start();
    await until(() => work.mock.calls.length === 3);
    expect(warn.mock.calls).toEqual([
      [{ err: 'broker away', retryInMs: 4 }, 'publish failed'],
      [{ err: 'broker away', retryInMs: 8 }, 'publish failed'],
    ]);
    await loop.stop();
  });

  it('resets the backoff after a successful turn', async () => {
    const outcomes = ['fail', 'ok', 'fail'];
    const work = jest.fn(() =>
      outcomes.shift() === 'fail' ? Promise.reject(new Error('x')) : Promise.resolve(1),
    );
    const { loop, warn } = loopWith(work, { backoffBaseMs: 1, maxBackoffMs: 50 });
    loop.start();
    await until(() => warn.mock.calls.length === 2);
    expect(warn.mock.calls.map((c) => (c[0] as { retryInMs: number }).retryInMs)).toEqual([2, 2]);
    expect(warn.mock.calls[0][1]).toBe('test turn failed');
    await loop.stop();
  });

  it('stop() wakes a sleeping loop and resolves promptly', async () => {
    const work = jest.fn(() => Promise.resolve(0));
    const { loop } = loopWith(work);
    loop.start();
    await until(() => work.mock.calls.length === 1);
    const started = Date.now();
    await loop.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(loop.isRunning).toBe(false);
  });

  it('stop() waits for the turn in progress and runs no more', async () => {
    let finished = false;
    let release!: () => void;
    const work = jest.fn(
      () =>
        new Promise<number>((resolve) => {
          release = () => {
            finished = true;
            resolve(5);
          };
        }),
    );
    const { loop } = loopWith(work, { busyWhen: () => true });
    loop.start();
    await until(() => work.mock.calls.length === 1);
    const stopped = loop.stop();
    let stopResolved = false;
    void stopped.then(() => (stopResolved = true));
    await tick(5);
    expect(stopResolved).toBe(false);
    release();
    await stopped;
    expect(finished).toBe(true);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('start() twice runs one loop; stop() before start() is harmless', async () => {
    const work = jest.fn(() => Promise.resolve(0));
    const { loop } = loopWith(work);
    await loop.stop();
    loop.start();
    loop.start();
    await until(() => work.mock.calls.length >= 1);
    await tick(20);
    expect(work).toHaveBeenCalledTimes(1);
    await loop.stop();
  });
});

describe('periodic', () => {
  it('runs the job every interval and stops', async () => {
    const job = jest.fn(() => Promise.resolve());
    const p = periodic('job', 5, job);
    await until(() => job.mock.calls.length >= 2);
    await p.stop();
    const n = job.mock.calls.length;
    await tick(20);
    expect(job).toHaveBeenCalledTimes(n);
  });

  it('runs once early when firstRunAfterMs is given', async () => {
    const job = jest.fn(() => Promise.resolve());
    const p = periodic('job', 60_000, job, { firstRunAfterMs: 1 });
    await until(() => job.mock.calls.length === 1);
    await p.stop();
  });

  it('skips a tick while the previous run is going, and stop() waits for it', async () => {
    let release!: () => void;
    let finished = false;
    const job = jest.fn(
      () =>
        new Promise<void>((resolve) => {
          release = () => {
            finished = true;
            resolve();
          };
        }),
    );
    const p = periodic('job', 2, job);
    await until(() => job.mock.calls.length === 1);
    await tick(20);
    expect(job).toHaveBeenCalledTimes(1);
    const stopped = p.stop();
    release();
    await stopped;
    expect(finished).toBe(true);
  });

  it('reports a failed run and keeps going', async () => {
    const onError = jest.fn();
    const job = jest.fn(() => Promise.reject(new Error('db away')));
    const p = periodic('job', 3, job, { onError });
    await until(() => onError.mock.calls.length >= 2);
    expect((onError.mock.calls[0][0] as Error).message).toBe('db away');
    await p.stop();
  });
});
