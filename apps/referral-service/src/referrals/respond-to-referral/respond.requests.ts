import { z } from 'zod';
import { FACILITY_CODE, POLI_CODE } from '@app/contracts';

export const acceptReferralRequest = z
  .object({
    visitDate: z.iso.date('tanggal kunjungan harus berformat YYYY-MM-DD'),
    /** Another poli of the same hospital, when the desk sends the patient elsewhere. */
    poliCode: POLI_CODE.optional(),
    doctorCode: z.string().min(1).max(12).optional(),
    practiceHours: z
      .string()
      .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'jam praktik berformat 08:00-12:00')
      .optional(),
  })
  .strict();
export type AcceptReferralRequest = z.infer<typeof acceptReferralRequest>;

export const declineReferralRequest = z.object({ reason: z.string().min(3).max(500) }).strict();
export type DeclineReferralRequest = z.infer<typeof declineReferralRequest>;

export const forwardReferralRequest = z
  .object({
    toFacilityCode: FACILITY_CODE,
    poliCode: POLI_CODE.optional(),
    reason: z.string().min(3).max(500),
  })
  .strict();
export type ForwardReferralRequest = z.infer<typeof forwardReferralRequest>;
