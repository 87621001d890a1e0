import { randomUUID } from 'node:crypto';
import {
  envelopeSchema,
  latestVersionOf,
  MAX_EVENT_BYTES,
  payloadSchemaOf,
  topicOf,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '@app/contracts';
import type { OutboxMessage } from '@app/database';
import { producerTraceHeaders } from './event-tracing';

export interface EventContext {
  producer: string;
  correlationId: string;
  /** The facility code the event belongs to: the Kafka key. */
  key: string;
  occurredAt?: Date;
}

/** An event whose envelope would exceed MAX_EVENT_BYTES: consumers would dead-letter it. */
export class EventTooLargeError extends Error {
  constructor(
    readonly type: EventType,
    readonly bytes: number,
  ) {
    super(`${type} would be ${bytes} bytes; events are limited to ${MAX_EVENT_BYTES}`);
    this.name = 'EventTooLargeError';
  }
}

/**
 * Builds an event at the newest version of its type, validating the payload against the schema
 * registry and its size against MAX_EVENT_BYTES before it can reach the outbox: a producer never
 * emits what consumers would refuse.
 */
export function buildEvent<T extends EventType>(
  type: T,
  payload: EventPayload<T>,
  ctx: EventContext,
): EventEnvelope<T, EventPayload<T>> {
  const version = latestVersionOf(type);
  const schema = payloadSchemaOf(type, version);
  if (!schema) throw new Error(`no schema for ${type} v${version}`);
  const envelope = {
    id: randomUUID(),
    type,
    version,
    occurredAt: (ctx.occurredAt ?? new Date()).toISOString(),
    producer: ctx.producer,
    correlationId: ctx.correlationId,
    key: ctx.key,
    payload: schema.parse(payload),
  };
  envelopeSchema.parse(envelope);
  const size = Buffer.byteLength(JSON.stringify(envelope));
  if (size > MAX_EVENT_BYTES) throw new EventTooLargeError(type, size);
  return envelope as EventEnvelope<T, EventPayload<T>>;
}

/** The outbox row of an event, carrying the trace context it is created in (see producerTraceHeaders). */
export function toOutboxMessage(envelope: EventEnvelope<EventType>): OutboxMessage {
  const topic = topicOf(envelope.type);
  return {
    id: envelope.id,
    topic,
    key: envelope.key,
    type: envelope.type,
    envelope,
    headers: producerTraceHeaders(topic, envelope),
  };
}
