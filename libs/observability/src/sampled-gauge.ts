import { Logger } from '@nestjs/common';
import type { Gauge } from 'prom-client';

export interface Sample<L extends string> {
  labels: Partial<Record<L, string | number>>;
  value: number;
}

export interface SampledCollectOptions {
  /** Names the gauge in the warning logged when sampling starts failing. */
  name: string;
  /** A scrape sooner than this after the last sample serves the last values. Default 0. */
  minIntervalMs?: number;
  /** A scrape waits this long for a sample, then serves the last values. Default 2 000. */
  timeoutMs?: number;
  now?: () => number;
}

/**
 * The `collect` of a gauge read from a dependency (Postgres, Redis, Kafka) at scrape time:
 * `new Gauge({ name, help, labelNames, registers, collect: sampledCollect(read) })`. A scrape
 * never fails or hangs because of it: a sample that throws or is slow leaves the last values (a
 * slow one still lands when it finishes), and `minIntervalMs` bounds the load scrapers put on
 * the source. Each sample replaces all series, so label sets that went away disappear.
 */
export function sampledCollect<L extends string>(
  sample: () => Promise<Array<Sample<L>>>,
  options: SampledCollectOptions,
): (this: Gauge<L>) => Promise<void> {
  const logger = new Logger(`metric:${options.name}`);
  const now = options.now ?? Date.now;
  let inFlight: Promise<void> | undefined;
  let lastStarted = Number.NEGATIVE_INFINITY;
  let failures = 0;

  const take = async (gauge: Gauge<L>): Promise<void> => {
    try {
      const samples = await sample();
      if (!Array.isArray(samples)) throw new Error('sample returned no list');
      gauge.reset();
      for (const s of samples) gauge.set(s.labels, s.value);
      failures = 0;
    } catch (e) {
      // Logged on the first failure of a run of them, not on every scrape.
      if (failures++ === 0)
        logger.warn({ err: (e as Error).message }, 'metric sample failed; keeping last values');
    }
  };

  return async function collect(this: Gauge<L>): Promise<void> {
    const started = now();
    if (!inFlight && started - lastStarted >= (options.minIntervalMs ?? 0)) {
      lastStarted = started;
      inFlight = take(this).finally(() => (inFlight = undefined));
    }
    if (!inFlight) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, options.timeoutMs ?? 2_000);
      timer.unref();
    });
    await Promise.race([inFlight, timeout]).finally(() => clearTimeout(timer));
  };
}
