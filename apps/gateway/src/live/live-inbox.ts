import { Injectable } from '@nestjs/common';
import type { EventEnvelope, TicketBookedV1 } from '@app/contracts';
import { DeadLetterPublisher, EventInbox, type InboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { LiveSubscriptions } from './live-subscriptions';

export const LIVE_CONSUMER = 'gateway-live';

/** Push is a view, not a record: nothing to store, so redeliveries are simply pushed again. */
const passThrough: InboxStore<undefined> = {
  async runOnce(_consumer, _eventId, apply) {
    await apply(undefined);
    return true;
  },
};

/**
 * Turns queue events into what a waiting-room screen may show: numbers and polis, never booking
 * codes or patient references (anyone can follow a facility).
 */
@Injectable()
export class LiveInbox extends EventInbox<'queue.ticket.booked', undefined> {
  constructor(
    subscriptions: LiveSubscriptions,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
  ) {
    super({
      consumer: LIVE_CONSUMER,
      store: passThrough,
      deadLetters,
      handlers: {
        'queue.ticket.booked': (event: EventEnvelope<'queue.ticket.booked', TicketBookedV1>) => {
          const p = event.payload;
          const message = JSON.stringify({
            event: event.type,
            data: {
              eventId: event.id,
              occurredAt: event.occurredAt,
              facilityCode: p.facilityCode,
              poliCode: p.poliCode,
              poliName: p.poliName,
              serviceDate: p.serviceDate,
              queueNumber: p.queueNumber,
              displayNumber: p.displayNumber,
              source: p.source,
            },
          });
          subscriptions.publish(p.facilityCode, message);
          return Promise.resolve();
        },
      },
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: LIVE_CONSUMER, type, outcome }),
    });
  }
}
