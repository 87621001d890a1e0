import { z } from 'zod';
import { FACILITY_CODE, JKN_CARD, NIK, PHONE_ID, POLI_CODE } from '@app/contracts';

const dateField = z.iso.date('tanggal harus berformat YYYY-MM-DD');

/** What an FKTP doctor sends to refer a patient. Unknown fields are refused. */
export const createReferralRequest = z
  .object({
    originFacilityCode: FACILITY_CODE,
    referringDoctor: z.string().min(3).max(100),
    patient: z
      .object({
        nik: NIK.optional(),
        cardNumber: JKN_CARD.optional(),
        name: z.string().min(2).max(100),
        phone: PHONE_ID.optional(),
      })
      .strict(),
    /** ICD-10, e.g. J45 or E11.5; checked against the service's code list. */
    diagnosisCode: z.string().min(3).max(8),
    /** 0 penuh, 1 partial, 2 rujuk balik. */
    referralType: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
    /** 1 rawat inap, 2 rawat jalan. */
    serviceType: z.union([z.literal(1), z.literal(2)]).default(2),
    destination: z
      .object({
        facilityCode: FACILITY_CODE,
        poliCode: POLI_CODE,
        subspecialty: z.string().min(1).max(10).optional(),
      })
      .strict(),
    plannedVisitDate: dateField,
    notes: z.string().max(2000).optional(),
    /** Required when the diagnosis is one the FKTP should treat itself (kdTacc, alasanTacc). */
    tacc: z
      .object({ code: z.number().int().min(-1).max(4), reason: z.string().max(200) })
      .strict()
      .optional(),
  })
  .strict();

export type CreateReferralRequest = z.infer<typeof createReferralRequest>;
