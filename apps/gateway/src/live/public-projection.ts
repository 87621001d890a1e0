import type { EventEnvelope, EventPayload } from '@app/contracts';

/** Queue events a waiting-room screen or a desk console follows. */
export const LIVE_EVENT_TYPES = [
  'queue.ticket.booked',
  'queue.ticket.checked-in',
  'queue.ticket.called',
  'queue.ticket.recalled',
  'queue.ticket.no-show',
  'queue.ticket.service-started',
  'queue.ticket.service-finished',
  'queue.ticket.transferred',
  'queue.ticket.cancelled',
  'queue.ticket.expired',
] as const;
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number];

/**
 * What anyone following a facility may see of an event: numbers, polis, stations and counters,
 * never booking codes or patient references (a display is public).
 */
export function publicProjection(
  event: EventEnvelope<LiveEventType, EventPayload<LiveEventType>>,
): {
  event: string;
  data: Record<string, unknown>;
} {
  const p = event.payload as Record<string, unknown>;
  const counter = p.counter as { code: string; name: string; station: string } | undefined;
  const data: Record<string, unknown> = {
    eventId: event.id,
    occurredAt: event.occurredAt,
    facilityCode: p.facilityCode,
    poliCode: p.poliCode,
    serviceDate: p.serviceDate,
    displayNumber: p.displayNumber,
  };
  for (const key of [
    'poliName',
    'queueNumber',
    'source',
    'station',
    'fromStation',
    'toStation',
    'toPoliCode',
    'callCount',
    'returnedToQueue',
  ]) {
    if (p[key] !== undefined) data[key] = p[key];
  }
  if (counter) data.counter = { code: counter.code, name: counter.name, station: counter.station };
  return { event: event.type, data };
}
