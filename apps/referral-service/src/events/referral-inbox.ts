import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, EventInbox, SqlInboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { ReferralDb, type ReferralTx } from '../database/referral-db';
import { CountBookedTicket } from '../hospital-load/count-booked-ticket.usecase';

export const REFERRAL_CONSUMER = 'referral-service';

/** The event types referral-service acts on, each with exactly one handler. */
@Injectable()
export class ReferralInbox extends EventInbox<'queue.ticket.booked', ReferralTx> {
  constructor(
    db: ReferralDb,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
    countBooked: CountBookedTicket,
  ) {
    super({
      consumer: REFERRAL_CONSUMER,
      store: new SqlInboxStore<ReferralTx>(db),
      deadLetters,
      handlers: {
        'queue.ticket.booked': (event, tx) => countBooked.execute(event, tx),
      },
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: REFERRAL_CONSUMER, type, outcome }),
    });
  }
}
