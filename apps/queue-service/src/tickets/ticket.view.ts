import type { Ticket } from '../generated/prisma/client';

/** What the API answers about a ticket. */
export interface TicketView {
  ticketId: string;
  bookingCode: string;
  facilityCode: string;
  poliCode: string;
  serviceDate: string;
  queueNumber: number;
  displayNumber: string;
  status: string;
  source: string;
  bookedAt: string;
}

export function toTicketView(t: Ticket): TicketView {
  return {
    ticketId: t.id,
    bookingCode: t.bookingCode,
    facilityCode: t.facilityCode,
    poliCode: t.poliCode,
    serviceDate: t.serviceDate.toISOString().slice(0, 10),
    queueNumber: t.queueNumber,
    displayNumber: t.displayNumber,
    status: t.status,
    source: t.source,
    bookedAt: t.createdAt.toISOString(),
  };
}
