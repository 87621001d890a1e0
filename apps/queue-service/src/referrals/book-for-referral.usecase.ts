import { Injectable } from '@nestjs/common';
import { EventTypes, type EventEnvelope, type EventPayload } from '@app/contracts';
import { DomainError } from '@app/http';
import type { QueueTx } from '../database/queue-db';
import { BookTicket } from '../tickets/book-ticket/book-ticket.usecase';
import { TicketTransitions } from '../tickets/transitions/ticket-transitions';

/**
 * A hospital accepted a referral: book its ticket (jeniskunjungan 1, nomorreferensi = the referral
 * number) idempotently per referral, or say why it could not be booked (e.g. quota full).
 */
@Injectable()
export class BookForReferral {
  constructor(
    private readonly bookTicket: BookTicket,
    private readonly transitions: TicketTransitions,
  ) {}

  async execute(
    event: EventEnvelope<'referral.accepted', EventPayload<'referral.accepted'>>,
    tx: QueueTx,
  ): Promise<void> {
    const r = event.payload;
    try {
      await this.bookTicket.execute(
        r.destinationFacilityCode,
        {
          poliCode: r.poliCode,
          ...(r.doctorCode ? { doctorCode: r.doctorCode } : {}),
          ...(r.practiceHours ? { practiceHours: r.practiceHours } : {}),
          serviceDate: r.visitDate,
          patient: { isNew: false },
          patientType: 'JKN',
          visitType: 1,
          referenceNumber: r.referralNumber,
          source: 'referral',
        },
        {
          correlationId: event.correlationId,
          idempotencyKey: `referral-${r.referralId}`,
          referral: { referralId: r.referralId, patientRef: r.patientRef },
        },
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      await this.transitions.emit(
        tx,
        r.destinationFacilityCode,
        [
          {
            type: EventTypes.ReferralBookingRejected,
            payload: {
              referralId: r.referralId,
              referralNumber: r.referralNumber,
              facilityCode: r.destinationFacilityCode,
              errorCode: e.code,
              reason: e.message,
              at: new Date().toISOString(),
            },
          },
        ],
        { correlationId: event.correlationId },
      );
    }
  }
}
