import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, EventInbox, SqlInboxStore, type EventHandlers } from '@app/messaging';
import { Metrics } from '@app/observability';
import { NotificationDb, type NotificationTx } from '../database/notification-db';
import {
  HANDLED_EVENT_TYPES,
  type HandledEvent,
  type HandledEventType,
} from '../notifications/plan/plan';
import { RecordNotifications } from '../notifications/record-notifications/record-notifications.usecase';

export const NOTIFICATION_CONSUMER = 'notification-service';

/**
 * The event types notification-service acts on, each with exactly one handler: every one goes
 * through the same use case, whose planner switches exhaustively over them.
 */
@Injectable()
export class NotificationInbox extends EventInbox<HandledEventType, NotificationTx> {
  constructor(
    db: NotificationDb,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
    record: RecordNotifications,
  ) {
    const handle = (event: unknown, tx: NotificationTx) =>
      record.execute(event as HandledEvent, tx);
    super({
      consumer: NOTIFICATION_CONSUMER,
      store: new SqlInboxStore<NotificationTx>(db),
      deadLetters,
      handlers: Object.fromEntries(HANDLED_EVENT_TYPES.map((t) => [t, handle])) as EventHandlers<
        HandledEventType,
        NotificationTx
      >,
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: NOTIFICATION_CONSUMER, type, outcome }),
    });
  }
}
