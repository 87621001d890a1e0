import { z } from 'zod';

export const DEAD_LETTER_REASONS = [
  'unparseable',
  'invalid-envelope',
  'unknown-event-type',
  'unsupported-version',
  'invalid-payload',
  'handler-failed',
  /** Larger than MAX_EVENT_BYTES: the letter carries an excerpt, not the whole value. */
  'oversized',
] as const;

/** What lands on the dead-letter topic: enough to understand the failure and to replay it. */
export const deadLetterSchema = z
  .object({
    reason: z.enum(DEAD_LETTER_REASONS),
    detail: z.string(),
    consumer: z.string(),
    sourceTopic: z.string(),
    partition: z.number().int(),
    offset: z.string(),
    key: z.string().nullable(),
    eventId: z.string().nullable(),
    /** The original message value, as text (its start only when the reason is `oversized`). */
    value: z.string(),
    failedAt: z.iso.datetime({ offset: true }),
  })
  .strict();

export type DeadLetter = z.infer<typeof deadLetterSchema>;
