import { z } from 'zod';
import { baseServiceSchema, loadConfig, port, postgresUrl, serviceTokenFields } from '@app/config';
import {
  encryptionKeyRing,
  patientDataRetentionDays,
  patientDataRetentionIntervalMs,
} from '@app/patient-data';

/** Only for local runs: production sets a real one, equal to queue-service's. */
export const DEV_PATIENT_REF_SECRET = 'dev-only-secret-change-me';

export const referralConfigSchema = baseServiceSchema.extend({
  PORT: port(3002),
  HOST: z.string().default('127.0.0.1'),
  REFERRAL_DATABASE_URL: postgresUrl,
  /** Key of the HMAC that turns NIK/card numbers into patientRef; must equal queue-service's. */
  PATIENT_REF_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters')
    .default(DEV_PATIENT_REF_SECRET),
  /** Decides what "today" is for referral dates, validity and expiry. */
  TIMEZONE: z.string().default('Asia/Jakarta'),
  /** How long a referral is valid after its date (rujukan berlaku 90 hari). */
  REFERRAL_VALIDITY_DAYS: z.coerce.number().int().min(1).max(365).default(90),
  /** How often the expiry sweep runs; 0 turns it off. */
  EXPIRY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(3_600_000),
  /** How often the webhook dispatcher looks for due deliveries. */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(50).default(1_000),
  /** First retry delay of a failed webhook delivery; doubles per attempt, with jitter. */
  WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
  /** Longest wait between two attempts: deliveries are never dropped, only slowed down. */
  WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(100).default(600_000),
  /** Per-request timeout of a webhook POST. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Service token: required on every HTTP route of this service and sent on its own calls. */
  ...serviceTokenFields,
  /** Keys of the patient identifiers at rest: `k2:<base64 32 bytes>,k1:…`, first one active. */
  IDENTITY_ENCRYPTION_KEYS: encryptionKeyRing,
  /** Keys that seal a patient's contact inside events for notification-service (same value there). */
  CONTACT_ENCRYPTION_KEYS: encryptionKeyRing,
  /** Days after a referral closes before its patient identifiers are erased. */
  PATIENT_DATA_RETENTION_DAYS: patientDataRetentionDays,
  /** How often the erasure job runs; 0 turns it off. */
  PATIENT_DATA_RETENTION_INTERVAL_MS: patientDataRetentionIntervalMs,
});

export type ReferralConfig = z.infer<typeof referralConfigSchema>;
export const REFERRAL_CONFIG = Symbol('REFERRAL_CONFIG');
export const loadReferralConfig = (): ReferralConfig => loadConfig(referralConfigSchema);
