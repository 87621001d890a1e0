import { z } from 'zod';

/** Kafka header names carried on every event. */
export const EventHeader = {
  EventId: 'event-id',
  EventType: 'event-type',
  EventVersion: 'event-version',
  CorrelationId: 'correlation-id',
} as const;

/**
 * The largest serialized envelope (UTF-8 bytes) a producer may emit and a consumer takes. Events
 * carry ids and short texts, so a few KiB is normal; anything near this is a bug or an attack, and
 * the broker's own 1 MiB default stays well above it so the refusal is always ours, with a reason.
 */
export const MAX_EVENT_BYTES = 256 * 1024;

export const FACILITY_CODE = z
  .string()
  .regex(/^[0-9A-Z]{8}$/, 'a facility code (kode PPK) is 8 letters or digits, e.g. 0301R001');

/**
 * The envelope every event travels in. `key` is the facility code the event belongs to, and the
 * Kafka message key, so one facility's events stay in order on one partition.
 */
export const envelopeSchema = z
  .object({
    id: z.uuid(),
    type: z.string().min(1).max(100),
    version: z.number().int().positive(),
    occurredAt: z.iso.datetime({ offset: true }),
    producer: z.string().min(1).max(100),
    correlationId: z.string().min(1).max(100),
    key: z.string().min(1).max(100),
    payload: z.unknown(),
  })
  .strict();

export type EventEnvelope<TType extends string = string, TPayload = unknown> = Omit<
  z.infer<typeof envelopeSchema>,
  'type' | 'payload'
> & { type: TType; payload: TPayload };
