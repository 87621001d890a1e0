import { Injectable } from '@nestjs/common';
import type { EventEnvelope, EventPayload } from '@app/contracts';
import { DomainError } from '@app/http';
import { QueueDb } from '../database/queue-db';
import { CancelTicket } from '../tickets/cancel-ticket/cancel-ticket.usecase';

type Ended = 'referral.cancelled' | 'referral.expired';

/**
 * A referral the origin cancelled, or one that expired, no longer backs a hospital ticket: the
 * ticket booked for it is cancelled if the patient has not checked in yet (and left alone if so).
 */
@Injectable()
export class CancelForReferral {
  constructor(
    private readonly db: QueueDb,
    private readonly cancelTicket: CancelTicket,
  ) {}

  async execute(event: EventEnvelope<Ended, EventPayload<Ended>>): Promise<void> {
    const tickets = await this.db.ticket.findMany({
      where: { referralId: event.payload.referralId, status: 'booked' },
    });
    const reason =
      event.type === 'referral.cancelled'
        ? 'Rujukan dibatalkan oleh faskes perujuk'
        : 'Rujukan kedaluwarsa';
    for (const t of tickets) {
      try {
        await this.cancelTicket.execute(t.bookingCode, reason, 'system', event.correlationId);
      } catch (e) {
        // Checked in meanwhile: the visit goes ahead, which is what the desk decided.
        if (!(e instanceof DomainError)) throw e;
      }
    }
  }
}
