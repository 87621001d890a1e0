import { Logger } from '@nestjs/common';

export interface PollingLoopOptions {
  /** Logger context, e.g. 'OutboxRelay'. */
  name: string;
  /** Sleep between turns when a turn found nothing (or less than a full batch) to do. */
  idleMs: number;
  /** One turn; resolves to how many items it handled. */
  work: () => Promise<number>;
  /** Whether a turn that handled `done` items should be followed at once by another. Default: done > 0. */
  busyWhen?: (done: number) => boolean;
  /** First wait after a failed turn; doubled per consecutive failure (up to 2^6). Default 200. */
  backoffBaseMs?: number;
  /** Longest wait after failed turns. Default 10 000. */
  maxBackoffMs?: number;
  /** Fraction of the backoff delay that is random (0 = none, 1 = full jitter). Default 0. */
  jitter?: number;
  /** Message logged (warn) when a turn fails. Default `${name} turn failed`. */
  failureMessage?: string;
  logger?: Pick<Logger, 'warn'>;
}

/** Wait after `failures` consecutive failed turns: exponential from `baseMs`, capped at `maxMs`. */
export function pollingBackoffMs(
  failures: number,
  baseMs: number,
  maxMs: number,
  jitter = 0,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 6));
  if (jitter <= 0) return ceiling;
  const j = Math.min(jitter, 1);
  return Math.round(ceiling * (1 - j) + random() * ceiling * j);
}

/**
 * A background loop that runs `work` over and over: again at once when a turn was busy (a full
 * batch) or `kick()` was called meanwhile, after `idleMs` otherwise, and after an exponential
 * backoff when a turn threw (logged, never fatal). `kick()` also cuts a sleep short; `stop()`
 * ends the loop and waits for the turn in progress.
 */
export class PollingLoop {
  private readonly logger: Pick<Logger, 'warn'>;
  private readonly busyWhen: (done: number) => boolean;
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private kicked = false;

  constructor(private readonly options: PollingLoopOptions) {
    this.logger = options.logger ?? new Logger(options.name);
    this.busyWhen = options.busyWhen ?? ((done) => done > 0);
  }

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Ends the loop; resolves once the turn in progress (if any) has finished. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Something new to do: run a turn now rather than at the next poll. */
  kick(): void {
    this.kicked = true;
    this.wake?.();
  }

  private async run(): Promise<void> {
    const { idleMs, work } = this.options;
    let failures = 0;
    while (this.running) {
      let delay: number;
      try {
        this.kicked = false;
        const done = await work();
        failures = 0;
        if (this.busyWhen(done) || this.kicked) continue;
        delay = idleMs;
      } catch (e) {
        failures += 1;
        delay = pollingBackoffMs(
          failures,
          this.options.backoffBaseMs ?? 200,
          this.options.maxBackoffMs ?? 10_000,
          this.options.jitter ?? 0,
        );
        this.logger.warn(
          { err: (e as Error).message, retryInMs: delay },
          this.options.failureMessage ?? `${this.options.name} turn failed`,
        );
      }
      if (this.running) await this.sleep(delay);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}

export interface PeriodicJob {
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

export interface PeriodicOptions {
  /** Also run once this long after scheduling (before the first interval elapses). */
  firstRunAfterMs?: number;
  /** Called when a run fails; default logs a warning `${name} failed`. */
  onError?: (e: unknown) => void;
}

/**
 * Runs `job` every `everyMs` (timers unref'd, so they never keep the process alive). A run is
 * skipped while the previous one is still going; a failed run is reported to `onError`.
 */
export function periodic(
  name: string,
  everyMs: number,
  job: () => Promise<unknown>,
  options: PeriodicOptions = {},
): PeriodicJob {
  const onError =
    options.onError ??
    ((e: unknown) => new Logger(name).warn({ err: (e as Error).message }, `${name} failed`));
  let current: Promise<unknown> | undefined;
  const tick = (): void => {
    if (current) return;
    current = job()
      .catch(onError)
      .finally(() => (current = undefined));
  };
  const interval = setInterval(tick, everyMs);
  interval.unref();
  const first =
    options.firstRunAfterMs === undefined ? undefined : setTimeout(tick, options.firstRunAfterMs);
  first?.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(interval);
      clearTimeout(first);
      await current;
    },
  };
}
