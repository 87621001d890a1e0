import { z } from 'zod';
import { baseServiceSchema, loadConfig, port, postgresUrl, serviceTokenFields } from '@app/config';
import {
  encryptionKeyRing,
  patientDataRetentionDays,
  patientDataRetentionIntervalMs,
} from '@app/patient-data';
import { identityEncryptionKeys } from './patient-identity/identity-config';

export const queueConfigSchema = baseServiceSchema.extend({
  PORT: port(3001),
  HOST: z.string().default('127.0.0.1'),
  QUEUE_DATABASE_URL: postgresUrl,
  /** Secret for pseudonymous patient references (HMAC of NIK or card number). */
  PATIENT_REF_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** Facilities' local time zone decides what "today" is. */
  TIMEZONE: z.string().default('Asia/Jakarta'),
  /** How many days ahead a patient may book. */
  BOOKING_HORIZON_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  /** Check-in opens this many minutes before the session starts… */
  CHECKIN_OPENS_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  /** …and is refused this many minutes after it started. */
  CHECKIN_LATE_MINUTES: z.coerce
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(60),
  /** A ticket this many places from the front gets an "approaching" event. */
  APPROACHING_POSITION: z.coerce.number().int().min(1).max(50).default(3),
  /** Service minutes assumed per patient until the facility has its own history. */
  DEFAULT_SERVICE_MINUTES: z.coerce.number().positive().max(240).default(10),
  /**
   * Bookings worked on at once by this instance; one more is answered 503 with Retry-After at once
   * instead of waiting for the database until the caller gives up (0 = no limit).
   */
  BOOKING_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(10_000).default(32),
  /** How often tickets past their session are expired, in seconds (0 = never, e.g. in tests). */
  EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(0).default(60),
  /** Enables the internal job trigger endpoint (for tests and operators); never in production. */
  ENABLE_JOB_ENDPOINTS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Key of the HMAC signing WS RS tokens; empty = derived from PATIENT_REF_SECRET. */
  WSRS_TOKEN_SECRET: z.string().default(''),
  /** How long a WS RS token (GET /wsrs/:kodeppk/token) is valid. */
  WSRS_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 24 * 3600)
    .default(3600),
  /** Keys of the patient identifiers at rest: `k2:<base64 32 bytes>,k1:…`, first one active. */
  IDENTITY_ENCRYPTION_KEYS: identityEncryptionKeys,
  /** Keys that seal a patient's contact inside events for notification-service (same value there). */
  CONTACT_ENCRYPTION_KEYS: encryptionKeyRing,
  /** Days after a ticket closes before its patient identifiers are erased. */
  PATIENT_DATA_RETENTION_DAYS: patientDataRetentionDays,
  /** How often the erasure job runs; 0 turns it off. */
  PATIENT_DATA_RETENTION_INTERVAL_MS: patientDataRetentionIntervalMs,
  /** Service token: required on every HTTP route of this service and sent on its own calls. */
  ...serviceTokenFields,
  /** referral-service's internal base URL: a referral's booking reads the patient's identifiers there. */
  REFERRAL_SERVICE_URL: z.url({ error: 'expected http://host:port of referral-service' }),
});

export type QueueConfig = z.infer<typeof queueConfigSchema>;
export const QUEUE_CONFIG = Symbol('QUEUE_CONFIG');
export const loadQueueConfig = (): QueueConfig => loadConfig(queueConfigSchema);
