import type { z } from 'zod';
import { Topic } from './topics';
import { ticketBookedV1 } from './events/ticket-booked';

/**
 * The schema registry: for every event type and version, the topic it travels on and the schema
 * of its payload. Producers and consumers both validate against this table.
 */
export const EVENT_CATALOG = {
  'queue.ticket.booked': { topic: Topic.QueueTickets, versions: { 1: ticketBookedV1 } },
} as const satisfies Record<string, { topic: Topic; versions: Record<number, z.ZodType> }>;

export type EventType = keyof typeof EVENT_CATALOG;

type Catalog = typeof EVENT_CATALOG;
type LatestVersion<T extends EventType> = keyof Catalog[T]['versions'] & number;

/** The payload type of an event type at a version (the newest one by default). */
export type EventPayload<T extends EventType, V extends LatestVersion<T> = LatestVersion<T>> =
  Catalog[T]['versions'][V] extends z.ZodType<infer P> ? P : never;

export const EventTypes = {
  TicketBooked: 'queue.ticket.booked',
} as const satisfies Record<string, EventType>;

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

export function topicOf(type: EventType): Topic {
  return EVENT_CATALOG[type].topic;
}

export function latestVersionOf(type: EventType): number {
  return Math.max(...Object.keys(EVENT_CATALOG[type].versions).map(Number));
}

export function payloadSchemaOf(type: EventType, version: number): z.ZodType | undefined {
  const versions: Record<number, z.ZodType> = EVENT_CATALOG[type].versions;
  return versions[version];
}
