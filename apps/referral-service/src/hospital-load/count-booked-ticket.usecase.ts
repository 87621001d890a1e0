import { Injectable } from '@nestjs/common';
import type { EventEnvelope, TicketBookedV1 } from '@app/contracts';
import type { ReferralTx } from '../database/referral-db';

/**
 * Keeps referral-service's own view of how loaded each facility's poli is per day, from
 * queue-service's events (it never reads queue-service's tables). Destination ranking uses it.
 */
@Injectable()
export class CountBookedTicket {
  async execute(
    event: EventEnvelope<'queue.ticket.booked', TicketBookedV1>,
    tx: ReferralTx,
  ): Promise<void> {
    const p = event.payload;
    await tx.$executeRawUnsafe(
      `INSERT INTO facility_load (facility_code, poli_code, service_date, booked, updated_at)
       VALUES ($1, $2, $3::date, 1, now())
       ON CONFLICT (facility_code, poli_code, service_date)
       DO UPDATE SET booked = facility_load.booked + 1, updated_at = now()`,
      p.facilityCode,
      p.poliCode,
      p.serviceDate,
    );
  }
}
