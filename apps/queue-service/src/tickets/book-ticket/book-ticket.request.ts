import { z } from 'zod';
import { FACILITY_CODE, TICKET_SOURCES } from '@app/contracts';

/** The body of a booking request. Unknown fields are refused. */
export const bookTicketRequest = z
  .object({
    poliCode: z.string().regex(/^[A-Z]{3}$/, 'kode poli BPJS: 3 huruf besar, mis. ANA'),
    /** YYYY-MM-DD; today (in the facility's time zone) when absent. */
    serviceDate: z.iso.date('tanggal periksa harus berformat YYYY-MM-DD').optional(),
    patient: z
      .object({
        nik: z
          .string()
          .regex(/^\d{16}$/, 'NIK harus 16 digit')
          .optional(),
        cardNumber: z
          .string()
          .regex(/^\d{13}$/, 'nomor kartu JKN harus 13 digit')
          .optional(),
        phone: z
          .string()
          .regex(/^(\+62|62|0)8\d{7,12}$/, 'nomor HP tidak valid, mis. 081234567890')
          .optional(),
      })
      .strict(),
    source: z.enum(TICKET_SOURCES).default('online'),
  })
  .strict();

export type BookTicketRequest = z.infer<typeof bookTicketRequest>;

export const facilityCodeParam = FACILITY_CODE;
