import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, EventInbox, SqlInboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { NotificationDb, type NotificationTx } from '../database/notification-db';
import { RecordTicketBooked } from '../notifications/record-ticket-booked/record-ticket-booked.usecase';

export const NOTIFICATION_CONSUMER = 'notification-service';

/** The event types notification-service acts on, each with exactly one handler. */
@Injectable()
export class NotificationInbox extends EventInbox<'queue.ticket.booked', NotificationTx> {
  constructor(
    db: NotificationDb,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
    ticketBooked: RecordTicketBooked,
  ) {
    super({
      consumer: NOTIFICATION_CONSUMER,
      store: new SqlInboxStore<NotificationTx>(db),
      deadLetters,
      handlers: {
        'queue.ticket.booked': (event, tx) => ticketBooked.execute(event, tx),
      },
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: NOTIFICATION_CONSUMER, type, outcome }),
    });
  }
}
