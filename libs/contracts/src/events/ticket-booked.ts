import { z } from 'zod';
import { FACILITY_CODE } from '../envelope';

export const TICKET_SOURCES = ['online', 'kiosk', 'desk', 'mobile-jkn', 'referral'] as const;

/** A patient received a queue number (nomor antrean). */
export const ticketBookedV1 = z
  .object({
    ticketId: z.uuid(),
    bookingCode: z.string().min(6).max(16),
    facilityCode: FACILITY_CODE,
    poliCode: z.string().regex(/^[A-Z]{3}$/),
    poliName: z.string().min(1),
    serviceDate: z.iso.date(),
    queueNumber: z.number().int().positive(),
    displayNumber: z.string().min(1),
    /** Pseudonymous patient reference: never a raw NIK or card number. */
    patientRef: z.string().min(8),
    source: z.enum(TICKET_SOURCES),
    bookedAt: z.iso.datetime({ offset: true }),
  })
  .strict();

export type TicketBookedV1 = z.infer<typeof ticketBookedV1>;
