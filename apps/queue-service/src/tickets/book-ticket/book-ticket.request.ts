import { z } from 'zod';
import { FACILITY_CODE, JKN_CARD, NIK, PHONE_ID, TICKET_SOURCES } from '@app/contracts';

export const PRIORITY_CATEGORIES = ['lansia', 'disabilitas', 'hamil', 'darurat'] as const;

export const priorityRequest = z
  .object({
    category: z.enum(PRIORITY_CATEGORIES),
    reason: z.string().trim().min(3, 'alasan prioritas wajib diisi').max(300),
  })
  .strict();

/** The body of a booking request (ambil antrean). Unknown fields are refused. */
export const bookTicketRequest = z
  .object({
    poliCode: z.string().regex(/^[A-Z]{3}$/, 'kode poli BPJS: 3 huruf besar, mis. ANA'),
    /** Kode dokter BPJS; without it the poli's first session with quota left is used. */
    doctorCode: z
      .string()
      .regex(/^\d{1,12}$/, 'kode dokter BPJS berupa angka')
      .optional(),
    /** jampraktek, e.g. 08:00-12:00 */
    practiceHours: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'jam praktik berformat HH:MM-HH:MM')
      .optional(),
    /** YYYY-MM-DD; today (in the facility's time zone) when absent. */
    serviceDate: z.iso.date('tanggal periksa harus berformat YYYY-MM-DD').optional(),
    patient: z
      .object({
        nik: NIK.optional(),
        cardNumber: JKN_CARD.optional(),
        phone: PHONE_ID.optional(),
        /** Nomor rekam medis at this facility, when the patient knows it. */
        norm: z
          .string()
          .regex(/^[0-9A-Za-z./-]{1,20}$/, 'nomor rekam medis tidak valid')
          .optional(),
        email: z.email('alamat email tidak valid').optional(),
        locale: z.enum(['id', 'en']).optional(),
        /** Pasien baru starts at admisi (task 1); pasien lama goes straight to the poli (task 3). */
        isNew: z.boolean().default(false),
      })
      .strict(),
    /** JKN uses the JKN quota and needs the card number. Default: JKN when a card number is given. */
    patientType: z.enum(['JKN', 'NON_JKN']).optional(),
    /** jeniskunjungan: 1 rujukan FKTP, 2 rujukan internal, 3 kontrol, 4 rujukan antar RS */
    visitType: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).optional(),
    /** nomorreferensi: the referral or control-letter number (required for visit types 1, 3, 4). */
    referenceNumber: z
      .string()
      .regex(/^[0-9A-Z]{10,30}$/, 'nomor referensi tidak valid')
      .optional(),
    source: z.enum(TICKET_SOURCES).default('online'),
    priority: priorityRequest.optional(),
  })
  .strict();

export type BookTicketRequest = z.infer<typeof bookTicketRequest>;

export const facilityCodeParam = FACILITY_CODE;
