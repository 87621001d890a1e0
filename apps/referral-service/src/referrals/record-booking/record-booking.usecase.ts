import { Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import {
  EventTypes,
  referralBookingRejectedV1,
  type EventEnvelope,
  type TicketBookedV1,
} from '@app/contracts';
import type { ReferralTx } from '../../database/referral-db';
import { referralRefOf } from '../referral-events';
import { ReferralStore } from '../referral-store';

type BookingRejectedV1 = z.infer<typeof referralBookingRejectedV1>;

/**
 * What queue-service answered to `referral.accepted`: a ticket (→ scheduled, with its number) or
 * a refusal such as a full quota (→ needs rescheduling, and the hospital is told). Runs inside the
 * inbox transaction, so a redelivered answer changes nothing. An answer for a referral that has
 * moved on (cancelled meanwhile, answered twice) is logged and left alone, never dead-lettered.
 */
@Injectable()
export class RecordBooking {
  private readonly logger = new Logger('RecordBooking');

  constructor(private readonly store: ReferralStore) {}

  async booked(event: EventEnvelope<'queue.ticket.booked', TicketBookedV1>, tx: ReferralTx) {
    const t = event.payload;
    if (!t.referralId) return;
    const r = await tx.referral.findUnique({ where: { id: t.referralId } });
    if (!r || r.status !== 'accepted') {
      this.logger.warn(
        { referralId: t.referralId, status: r?.status ?? null, eventId: event.id },
        'ticket for a referral that is not awaiting one; ignored',
      );
      return;
    }
    await this.store.transitionIn(tx, {
      id: r.id,
      action: 'schedule',
      correlationId: event.correlationId,
      patch: () => ({ bookingCode: t.bookingCode, displayNumber: t.displayNumber }),
      detail: { bookingCode: t.bookingCode, displayNumber: t.displayNumber, ticketId: t.ticketId },
      event: (updated, at) => ({
        type: EventTypes.ReferralScheduled,
        payload: {
          ...referralRefOf(updated),
          bookingCode: t.bookingCode,
          displayNumber: t.displayNumber,
          visitDate: t.serviceDate,
          ...(t.estimatedServiceAt ? { estimatedServiceAt: t.estimatedServiceAt } : {}),
          at: at.toISOString(),
        },
      }),
    });
  }

  async rejected(
    event: EventEnvelope<'queue.referral-booking.rejected', BookingRejectedV1>,
    tx: ReferralTx,
  ) {
    const p = event.payload;
    const r = await tx.referral.findUnique({ where: { id: p.referralId } });
    if (!r || r.status !== 'accepted') {
      this.logger.warn(
        { referralId: p.referralId, status: r?.status ?? null, eventId: event.id },
        'booking refusal for a referral that is not awaiting one; ignored',
      );
      return;
    }
    await this.store.transitionIn(tx, {
      id: r.id,
      action: 'needReschedule',
      correlationId: event.correlationId,
      patch: () => ({ statusReason: p.reason }),
      detail: { errorCode: p.errorCode, reason: p.reason },
      event: (updated, at) => ({
        type: EventTypes.ReferralNeedsRescheduling,
        payload: {
          ...referralRefOf(updated),
          reason: p.reason,
          errorCode: p.errorCode,
          at: at.toISOString(),
        },
      }),
    });
  }
}
