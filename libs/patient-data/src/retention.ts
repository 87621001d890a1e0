import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { z } from 'zod';
import { periodic, type PeriodicJob } from '@app/messaging';

/**
 * `PATIENT_DATA_RETENTION_DAYS`: how long after a ticket or referral is closed its patient
 * identifiers are kept. The queue and referral records are administrative, not the medical record
 * (rekam medis, which the facility keeps in its own system at least 25 years after the last visit,
 * Permenkes 24/2022 Pasal 39–40); a year covers complaints, BPJS claim checks and reporting.
 */
export const patientDataRetentionDays = z.coerce.number().int().min(1).max(36_500).default(365);

/** `PATIENT_DATA_RETENTION_INTERVAL_MS`: how often the erasure job runs; 0 turns it off. */
export const patientDataRetentionIntervalMs = z.coerce
  .number()
  .int()
  .min(0)
  .max(7 * 86_400_000)
  .default(3_600_000);

/** Records closed before this instant have their identifiers erased. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * 86_400_000);
}

/** What one erasure run did (per service). */
export interface ErasureResult {
  erased: number;
  cutoff: string;
}

/**
 * Runs `step` (one transaction over at most a batch of rows; returns how many it handled) until a
 * step handles fewer than `until` rows (0 for "until nothing is left", the batch size for "until a
 * short batch"). Every step is its own transaction, so a crash part-way keeps what was done and the
 * next run goes on from there.
 */
export async function inBatches(
  step: () => Promise<number>,
  opts: { until?: number; onBatch?: (done: number, total: number) => void } = {},
): Promise<number> {
  const until = opts.until ?? 0;
  let total = 0;
  for (;;) {
    const n = await step();
    total += n;
    if (n > 0) opts.onBatch?.(n, total);
    if (n === 0 || n < until) return total;
  }
}

/** Rows erased per transaction by a retention job. */
export const RETENTION_BATCH = 500;

/**
 * The lifecycle every service's retention job shares: scheduled every
 * PATIENT_DATA_RETENTION_INTERVAL_MS (0: off) from shortly after start, stopped at shutdown, each
 * run erasing in batches of {@link RETENTION_BATCH} until a short batch. The service says only
 * what one batch erases (its SQL), in {@link eraseBatch}.
 */
export abstract class RetentionJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(this.constructor.name);
  private job?: PeriodicJob;

  protected constructor(
    private readonly settings: {
      PATIENT_DATA_RETENTION_DAYS: number;
      PATIENT_DATA_RETENTION_INTERVAL_MS: number;
    },
  ) {}

  /** Erases at most `limit` records closed before `cutoff`, audited, in one transaction. */
  protected abstract eraseBatch(cutoff: Date, limit: number, now: Date): Promise<number>;

  /** How the cutoff is reported (a service date, or an instant). */
  protected abstract describeCutoff(cutoff: Date): string;

  onApplicationBootstrap(): void {
    const every = this.settings.PATIENT_DATA_RETENTION_INTERVAL_MS;
    if (every === 0) return;
    this.job = periodic(this.constructor.name, every, () => this.run(), {
      firstRunAfterMs: 10_000,
      onError: (e) => this.logger.warn({ err: (e as Error).message }, 'retention run failed'),
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  async run(now: Date = new Date()): Promise<ErasureResult> {
    const cutoff = retentionCutoff(now, this.settings.PATIENT_DATA_RETENTION_DAYS);
    const erased = await inBatches(() => this.eraseBatch(cutoff, RETENTION_BATCH, now), {
      until: RETENTION_BATCH,
    });
    const described = this.describeCutoff(cutoff);
    if (erased > 0) this.logger.log({ erased, cutoff: described }, 'patient identifiers erased');
    return { erased, cutoff: described };
  }
}
