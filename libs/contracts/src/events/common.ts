import { z } from 'zod';
import { FACILITY_CODE } from '../envelope';

export const POLI_CODE = z
  .string()
  .regex(/^[A-Z]{3}$/, 'a BPJS poli code is 3 capital letters, e.g. ANA');
export const PATIENT_REF = z.string().regex(/^p_[0-9A-Za-z_-]{8,64}$/);
export const ISO_TIME = z.iso.datetime({ offset: true });

/** Stations a patient passes through (admisi → poli → farmasi). */
export const STATIONS = ['admisi', 'poli', 'farmasi'] as const;
export const station = z.enum(STATIONS);
export type Station = z.infer<typeof station>;

/**
 * How to reach a patient in the clear. Deprecated in events: producers now send `sealedContact`;
 * kept so events already on the topics still parse. Never logged.
 */
export const patientContact = z
  .object({
    phone: z
      .string()
      .regex(/^(\+62|62|0)8\d{7,12}$/)
      .optional(),
    email: z.email().optional(),
    locale: z.enum(['id', 'en']).default('id'),
  })
  .strict();

/**
 * A patient's phone and e-mail sealed (AES-256-GCM, `CONTACT_ENCRYPTION_KEYS`, bound to the
 * patientRef) for notification-service, the one consumer that needs them: the topic, its retained
 * log and every other consumer see only ciphertext. Producers send this instead of `contact`.
 */
export const sealedContact = z.string().regex(/^[A-Za-z0-9_-]{1,32}:[A-Za-z0-9_-]{20,2000}$/);

/** Fields every ticket event carries, so a consumer never needs to look the ticket up. */
export const ticketRef = {
  ticketId: z.uuid(),
  bookingCode: z.string().min(6).max(16),
  facilityCode: FACILITY_CODE,
  poliCode: POLI_CODE,
  serviceDate: z.iso.date(),
  displayNumber: z.string().min(1),
  patientRef: PATIENT_REF,
};

/** A counter (loket) as shown to patients: "Loket 2", "Poli Anak ruang 2". */
export const counterRef = z
  .object({ code: z.string().min(1).max(20), name: z.string().min(1), station })
  .strict();
