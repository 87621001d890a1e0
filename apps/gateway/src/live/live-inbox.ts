import { Injectable } from '@nestjs/common';
import type { EventEnvelope, EventPayload } from '@app/contracts';
import { DeadLetterPublisher, EventInbox, type InboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { facilityChannel, LiveSubscriptions, ticketChannel } from './live-subscriptions';
import { publicProjection, type LiveEventType } from './public-projection';

export const LIVE_CONSUMER = 'gateway-live';

/** Push is a view, not a record: nothing to store, so redeliveries are simply pushed again. */
export const passThrough: InboxStore<undefined> = {
  async runOnce(_consumer, _eventId, apply) {
    await apply(undefined);
    return true;
  },
};

/** Pushes each queue event's public projection to the browsers following its facility. */
@Injectable()
export class LiveInbox extends EventInbox<LiveEventType, undefined> {
  constructor(
    subscriptions: LiveSubscriptions,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
  ) {
    const push = (
      event: EventEnvelope<LiveEventType, EventPayload<LiveEventType>>,
    ): Promise<void> => {
      const message = publicProjection(event);
      subscriptions.publish(facilityChannel(event.payload.facilityCode), JSON.stringify(message));
      // The ticket's own page also learns which ticket it is about (its booking code is its key).
      const own = { ...message, data: { ...message.data, bookingCode: event.payload.bookingCode } };
      subscriptions.publish(ticketChannel(event.payload.bookingCode), JSON.stringify(own));
      return Promise.resolve();
    };
    super({
      consumer: LIVE_CONSUMER,
      store: passThrough,
      deadLetters,
      handlers: {
        'queue.ticket.booked': push,
        'queue.ticket.checked-in': push,
        'queue.ticket.called': push,
        'queue.ticket.recalled': push,
        'queue.ticket.no-show': push,
        'queue.ticket.service-started': push,
        'queue.ticket.service-finished': push,
        'queue.ticket.transferred': push,
        'queue.ticket.cancelled': push,
        'queue.ticket.expired': push,
      },
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: LIVE_CONSUMER, type, outcome }),
    });
  }
}
