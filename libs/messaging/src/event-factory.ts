import { randomUUID } from 'node:crypto';
import {
  envelopeSchema,
  latestVersionOf,
  payloadSchemaOf,
  topicOf,
  type EventEnvelope,
  type EventPayload,
  type EventType,
} from '@app/contracts';
import type { OutboxMessage } from '@app/database';

export interface EventContext {
  producer: string;
  correlationId: string;
  /** The facility code the event belongs to: the Kafka key. */
  key: string;
  occurredAt?: Date;
}

/**
 * Builds an event at the newest version of its type, validating the payload against the schema
 * registry before it can reach the outbox: a producer never emits what consumers would refuse.
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
  return envelope as EventEnvelope<T, EventPayload<T>>;
}

export function toOutboxMessage(envelope: EventEnvelope<EventType>): OutboxMessage {
  return {
    id: envelope.id,
    topic: topicOf(envelope.type),
    key: envelope.key,
    type: envelope.type,
    envelope,
  };
}
