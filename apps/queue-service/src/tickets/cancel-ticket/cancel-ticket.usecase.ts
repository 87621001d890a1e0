import { Injectable } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { QueueErrorCode } from '../../errors';
import type { Ticket } from '../../generated/prisma/client';
import { QueueNumberAllocator } from '../numbering/queue-number.allocator';
import { ticketRefOf, TicketTransitions } from '../transitions/ticket-transitions';
import { statusText } from '../check-in/check-in.usecase';

/** batalantrean: only before check-in; the quota place is given back, the number is not reused. */
@Injectable()
export class CancelTicket {
  constructor(
    private readonly transitions: TicketTransitions,
    private readonly numbers: QueueNumberAllocator,
  ) {}

  async execute(
    bookingCode: string,
    reason: string,
    by: 'patient' | 'staff' | 'system',
    correlationId: string,
  ): Promise<Ticket> {
    const now = new Date();
    const cancelled = await this.transitions.run(
      { correlationId, now },
      (tx) => this.transitions.lockByBookingCode(tx, bookingCode),
      (t) => {
        if (t.status !== 'booked') {
          throw new DomainError(
            t.status === 'cancelled' || t.status === 'expired'
              ? QueueErrorCode.InvalidState
              : QueueErrorCode.CancelAfterCheckIn,
            t.status === 'waiting' || t.status === 'called' || t.status === 'serving'
              ? 'Antrean yang sudah check-in tidak bisa dibatalkan. Silakan hubungi petugas.'
              : `Tiket ${t.displayNumber} sudah ${statusText(t.status)}.`,
          );
        }
        return {
          type: 'cancelled',
          tasks: [99],
          data: { reason, by },
          update: { status: 'cancelled', station: null },
          events: (u) => [
            {
              type: EventTypes.TicketCancelled,
              payload: { ...ticketRefOf(u), reason, by, at: now.toISOString() },
            },
          ],
        };
      },
    );
    if (cancelled.doctorCode && cancelled.practiceHours) {
      await this.numbers.release({
        facilityCode: cancelled.facilityCode,
        poliCode: cancelled.poliCode,
        serviceDate: cancelled.serviceDate.toISOString().slice(0, 10),
        doctorCode: cancelled.doctorCode,
        practiceHours: cancelled.practiceHours,
        patientType: cancelled.patientType === 'JKN' ? 'JKN' : 'NON_JKN',
      });
    }
    return cancelled;
  }
}
