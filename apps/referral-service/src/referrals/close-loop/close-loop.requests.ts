import { z } from 'zod';

/** Feedback to the referring doctor (jawaban rujukan). */
export const completeReferralRequest = z
  .object({
    feedback: z
      .object({
        diagnosis: z.string().min(2).max(500),
        treatmentSummary: z.string().min(2).max(2000),
        followUp: z.string().min(2).max(1000),
      })
      .strict(),
  })
  .strict();
export type CompleteReferralRequest = z.infer<typeof completeReferralRequest>;

/** Programme Rujuk Balik (PRB) codes. */
export const PRB_PROGRAMMES = {
  '01': 'Diabetes melitus',
  '02': 'Hipertensi',
  '03': 'Asma',
  '04': 'Penyakit jantung',
  '05': 'PPOK',
  '06': 'Skizofrenia',
  '07': 'Stroke',
  '08': 'Epilepsi',
  '09': 'SLE',
} as const;
export type PrbProgramme = keyof typeof PRB_PROGRAMMES;

export const backReferRequest = z
  .object({
    programme: z.enum(Object.keys(PRB_PROGRAMMES) as [PrbProgramme, ...PrbProgramme[]]),
    notes: z.string().min(2).max(2000),
  })
  .strict();
export type BackReferRequest = z.infer<typeof backReferRequest>;
