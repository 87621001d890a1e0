import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, defaultIsTransient, EventInbox, SqlInboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { QueueDb, type QueueTx } from '../database/queue-db';
import { BookForReferral } from './book-for-referral.usecase';
import { CancelForReferral } from './cancel-for-referral.usecase';
import { isReferralServiceUnavailable } from './referral-identity.client';

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
        // prepare reads the patient's identifiers from referral-service before the transaction.
        'referral.accepted': { prepare: (event) => bookForReferral.prepare(event) },
        'referral.cancelled': (event) => cancelForReferral.execute(event),
        'referral.expired': (event) => cancelForReferral.execute(event),
      },
      // referral-service away is waited out (Kafka redelivers), like a database outage.
      isTransient: (e) => isReferralServiceUnavailable(e) || defaultIsTransient(e),
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: QUEUE_CONSUMER, type, outcome }),
    });
  }
}
