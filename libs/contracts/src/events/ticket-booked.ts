import { z } from 'zod';
import { FACILITY_CODE } from '../envelope';
import { ISO_TIME, patientContact, sealedContact } from './common';

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
    doctorCode: z.string().max(12).optional(),
    doctorName: z.string().optional(),
    /** jampraktek, e.g. 08:00-12:00 */
    practiceHours: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/)
      .optional(),
    /** jeniskunjungan: 1 rujukan FKTP, 2 rujukan internal, 3 kontrol, 4 rujukan antar RS */
    visitType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    /** nomorreferensi: the referral or control-letter number behind the booking */
    referenceNumber: z.string().max(30).optional(),
    patientType: z.enum(['JKN', 'NON_JKN']).optional(),
    /** estimasidilayani */
    estimatedServiceAt: ISO_TIME.optional(),
    /** Deprecated (plain): events written before contacts were sealed. */
    contact: patientContact.optional(),
    /** Only for notification-service: how to reach the patient, sealed. */
    sealedContact: sealedContact.optional(),
    /** The patient's language for notifications. */
    locale: z.enum(['id', 'en']).optional(),
    /** Set when the booking was made for an accepted referral. */
    referralId: z.uuid().optional(),
  })
  .strict();

export type TicketBookedV1 = z.infer<typeof ticketBookedV1>;
