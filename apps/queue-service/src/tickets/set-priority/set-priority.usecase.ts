import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QueueErrorCode } from '../../errors';
import type { Ticket } from '../../generated/prisma/client';
import { TicketTransitions } from '../transitions/ticket-transitions';
import type { PRIORITY_CATEGORIES } from '../book-ticket/book-ticket.request';

/** Puts a ticket ahead of the non-priority line (lansia, disabilitas, hamil, darurat), with the reason kept. */
@Injectable()
export class SetPriority {
  constructor(private readonly transitions: TicketTransitions) {}

  execute(
    bookingCode: string,
    category: (typeof PRIORITY_CATEGORIES)[number],
    reason: string,
    correlationId: string,
  ): Promise<Ticket> {
    return this.transitions.run(
      { correlationId },
      (tx) => this.transitions.lockByBookingCode(tx, bookingCode),
      (t) => {
        if (!['booked', 'waiting'].includes(t.status)) {
          throw new DomainError(
            QueueErrorCode.InvalidState,
            'Prioritas hanya untuk antrean yang belum dipanggil.',
          );
        }
        return {
          type: 'priority-set',
          data: { category, reason },
          update: { priority: true, priorityReason: `${category}: ${reason}` },
        };
      },
    );
  }
}
