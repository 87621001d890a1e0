import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { toTicketView, type TicketView } from '../ticket.view';

@Injectable()
export class ReadTicket {
  constructor(private readonly db: QueueDb) {}

  async execute(bookingCode: string): Promise<TicketView> {
    const ticket = await this.db.ticket.findUnique({ where: { bookingCode } });
    if (!ticket)
      throw new DomainError(
        QueueErrorCode.TicketNotFound,
        `Tiket dengan kode booking ${bookingCode} tidak ditemukan.`,
      );
    return toTicketView(ticket);
  }
}
