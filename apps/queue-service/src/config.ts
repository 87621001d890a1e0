import { z } from 'zod';
import { baseServiceSchema, loadConfig, port, postgresUrl } from '@app/config';

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
});

export type QueueConfig = z.infer<typeof queueConfigSchema>;
export const QUEUE_CONFIG = Symbol('QUEUE_CONFIG');
export const loadQueueConfig = (): QueueConfig => loadConfig(queueConfigSchema);
