import { Injectable } from '@nestjs/common';
import { DeadLetterPublisher, EventInbox, SqlInboxStore } from '@app/messaging';
import { Metrics } from '@app/observability';
import { ReferralDb, type ReferralTx } from '../database/referral-db';
import { FacilityDirectory } from '../facilities/facility-directory';
import { CountBookedTicket } from '../hospital-load/count-booked-ticket.usecase';
import { RecordBooking } from '../referrals/record-booking/record-booking.usecase';
import { ReferralStore } from '../referrals/referral-store';

export const REFERRAL_CONSUMER = 'referral-service';

type Consumed =
  'queue.ticket.booked' | 'queue.referral-booking.rejected' | 'queue.facility.upserted';

/** The event types referral-service acts on, each with exactly one handler. */
@Injectable()
export class ReferralInbox extends EventInbox<Consumed, ReferralTx> {
  constructor(
    db: ReferralDb,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
    countBooked: CountBookedTicket,
    booking: RecordBooking,
    facilities: FacilityDirectory,
    store: ReferralStore,
  ) {
    super({
      consumer: REFERRAL_CONSUMER,
      store: new SqlInboxStore<ReferralTx>(db),
      deadLetters,
      handlers: {
        // Every booked ticket is load; one booked for a referral also schedules it.
        'queue.ticket.booked': async (event, tx) => {
          await countBooked.execute(event, tx);
          await booking.booked(event, tx);
        },
        'queue.referral-booking.rejected': (event, tx) => booking.rejected(event, tx),
        'queue.facility.upserted': (event, tx) => facilities.apply(event, tx),
      },
      onOutcome: (type, outcome) => {
        metrics.eventsConsumed.inc({ consumer: REFERRAL_CONSUMER, type, outcome });
        // Referral events written by a handler are in the outbox once its transaction committed.
        if (outcome === 'handled') store.afterCommit();
      },
    });
  }
}
