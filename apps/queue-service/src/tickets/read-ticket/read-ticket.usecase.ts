import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import {
  toOwnedTicketView,
  toTicketView,
  type OwnedTicketView,
  type TicketView,
} from '../ticket.view';

export interface TicketHistory {
  ticket: TicketView;
  tasks: Array<{ taskId: number; at: number }>;
  transitions: Array<{
    type: string;
    station: string | null;
    counterCode: string | null;
    at: string;
    data: unknown;
  }>;
}

@Injectable()
export class ReadTicket {
  constructor(private readonly db: QueueDb) {}

  async execute(bookingCode: string): Promise<OwnedTicketView> {
    const ticket = await this.db.ticket.findUnique({ where: { bookingCode } });
    if (!ticket) throw notFound(bookingCode);
    return toOwnedTicketView(ticket);
  }

  async history(bookingCode: string): Promise<TicketHistory> {
    const ticket = await this.db.ticket.findUnique({
      where: { bookingCode },
      include: { tasks: { orderBy: { at: 'asc' } } },
    });
    if (!ticket) throw notFound(bookingCode);
    const transitions = await this.db.ticketTransition.findMany({
      where: { ticketId: ticket.id },
      orderBy: { seq: 'asc' },
    });
    return {
      ticket: toTicketView(ticket),
      tasks: ticket.tasks.map((t) => ({ taskId: t.taskId, at: t.at.getTime() })),
      transitions: transitions.map((t) => ({
        type: t.type,
        station: t.station,
        counterCode: t.counterCode,
        at: t.at.toISOString(),
        data: t.data,
      })),
    };
  }
}

function notFound(bookingCode: string): DomainError {
  return new DomainError(
    QueueErrorCode.TicketNotFound,
    `Tiket dengan kode booking ${bookingCode} tidak ditemukan.`,
  );
}
