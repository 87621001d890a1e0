import { Injectable } from '@nestjs/common';
import { EventTypes, type EventEnvelope, type EventPayload } from '@app/contracts';
import { DomainError } from '@app/http';
import type { QueueTx } from '../database/queue-db';
import type { PatientIdentifiers } from '../patient-identity/patient-identity';
import { BookTicket } from '../tickets/book-ticket/book-ticket.usecase';
import { TicketTransitions } from '../tickets/transitions/ticket-transitions';
import { ReferralIdentityClient } from './referral-identity.client';

type ReferralAccepted = EventEnvelope<'referral.accepted', EventPayload<'referral.accepted'>>;

/**
 * A hospital accepted a referral: book its ticket (jeniskunjungan 1, nomorreferensi = the referral
 * number) idempotently per referral, or say why it could not be booked (e.g. quota full). The
 * patient's identifiers (for BPJS antrean/add) come from referral-service first, outside any
 * transaction; when it cannot answer, the event is redelivered later and nothing is booked.
 */
@Injectable()
export class BookForReferral {
  constructor(
    private readonly bookTicket: BookTicket,
    private readonly transitions: TicketTransitions,
    private readonly identities: ReferralIdentityClient,
  ) {}

  /** The inbox's slow step: read the identifiers, then book inside the inbox transaction. */
  async prepare(event: ReferralAccepted): Promise<(tx: QueueTx) => Promise<void>> {
    const identity = await this.identities.lookup(event.payload.referralId);
    return (tx) => this.execute(event, tx, identity ?? undefined);
  }

  async execute(
    event: ReferralAccepted,
    tx: QueueTx,
    identity?: PatientIdentifiers,
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
          referral: {
            referralId: r.referralId,
            patientRef: r.patientRef,
            ...(identity ? { identity } : {}),
          },
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
