import { z } from 'zod';

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
