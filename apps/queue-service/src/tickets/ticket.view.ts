import type { Ticket } from '../generated/prisma/client';

/** What the API answers about a ticket (the BPJS names in comments). */
export interface TicketView {
  ticketId: string;
  /** kodebooking */
  bookingCode: string;
  facilityCode: string;
  poliCode: string;
  /** tanggalperiksa */
  serviceDate: string;
  /** angkaantrean */
  queueNumber: number;
  /** nomorantrean */
  displayNumber: string;
  status: string;
  station: string | null;
  source: string;
  doctorCode: string | null;
  /** jampraktek */
  practiceHours: string | null;
  patientType: string;
  /** jeniskunjungan */
  visitType: number | null;
  /** nomorreferensi */
  referenceNumber: string | null;
  priority: boolean;
  priorityReason: string | null;
  counterCode: string | null;
  bookedAt: string;
}

export function toTicketView(t: Ticket): TicketView {
  return {
    ticketId: t.id,
    bookingCode: t.bookingCode,
    facilityCode: t.facilityCode,
    poliCode: t.currentPoli ?? t.poliCode,
    serviceDate: t.serviceDate.toISOString().slice(0, 10),
    queueNumber: t.queueNumber,
    displayNumber: t.displayNumber,
    status: t.status,
    station: t.station,
    source: t.source,
    doctorCode: t.doctorCode,
    practiceHours: t.practiceHours,
    patientType: t.patientType,
    visitType: t.visitType,
    referenceNumber: t.referenceNumber,
    priority: t.priority,
    priorityReason: t.priorityReason,
    counterCode: t.counterCode,
    bookedAt: t.createdAt.toISOString(),
  };
}

/**
 * A ticket and whose it is: `patientRef`, the HMAC pseudonym events carry (never an identifier).
 * Answered by booking and by reading one ticket, so the gateway can mint a patient token that
 * knows its patient (their referrals, their inbox); the gateway strips it before browsers.
 */
export type OwnedTicketView = TicketView & { patientRef: string };

export function toOwnedTicketView(t: Ticket): OwnedTicketView {
  return { ...toTicketView(t), patientRef: t.patientRef };
}
