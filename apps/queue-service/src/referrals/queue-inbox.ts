import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, EventInbox, SqlInboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { QueueDb, type QueueTx } from '../database/queue-db';
import { BookForReferral } from './book-for-referral.usecase';
import { CancelForReferral } from './cancel-for-referral.usecase';

export const QUEUE_CONSUMER = 'queue-service';

type Consumed = 'referral.accepted' | 'referral.cancelled' | 'referral.expired';

/** The event types queue-service acts on, each with exactly one handler. */
@Injectable()
export class QueueInbox extends EventInbox<Consumed, QueueTx> {
  constructor(
    db: QueueDb,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
    bookForReferral: BookForReferral,
    cancelForReferral: CancelForReferral,
  ) {
    super({
      consumer: QUEUE_CONSUMER,
      store: new SqlInboxStore<QueueTx>(db),
      deadLetters,
      handlers: {
        'referral.accepted': (event, tx) => bookForReferral.execute(event, tx),
        'referral.cancelled': (event) => cancelForReferral.execute(event),
        'referral.expired': (event) => cancelForReferral.execute(event),
      },
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: QUEUE_CONSUMER, type, outcome }),
    });
  }
}
