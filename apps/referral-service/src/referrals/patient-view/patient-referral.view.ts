import { z } from 'zod';
import { PATIENT_REF } from '@app/contracts';
import type { Referral } from '../../generated/prisma/client';
import { dateOnly } from '../referral-dates';
import { REFERRAL_NUMBER_PATTERN } from '../referral-number';
import { isReferralStatus, REFERRAL_STATUSES, statusLabel } from '../referral-status';

export const referralNumberParam = z
  .string()
  .regex(REFERRAL_NUMBER_PATTERN, 'nomor rujukan tidak valid (19 karakter)');
export const patientReferralsQuery = z
  .object({
    patientRef: PATIENT_REF,
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();
export type PatientReferralsQuery = z.infer<typeof patientReferralsQuery>;

const facility = z.object({ code: z.string(), name: z.string().nullable() });

/**
 * What the patient may read of their own referral: where from and to, the diagnosis, the dates and
 * how the loop stands. Never the NIK, card number, phone or name (nothing to audit, nothing to
 * leak), nor what staff wrote for staff (notes, reasons, TACC, feedback text, the doctor's name).
 * `patientRef` is the patient's own pseudonym: the gateway checks it, the page subscribes with it.
 */
export const patientReferralView = z.object({
  id: z.uuid(),
  number: z.string(),
  patientRef: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  statusLabel: z.string(),
  origin: facility,
  destination: facility,
  poliCode: z.string(),
  diagnosis: z.object({ code: z.string(), name: z.string() }),
  referralDate: z.string(),
  plannedVisitDate: z.string(),
  validUntil: z.string(),
  appointment: z
    .object({
      visitDate: z.string(),
      practiceHours: z.string().nullable(),
      bookingCode: z.string().nullable(),
      displayNumber: z.string().nullable(),
    })
    .nullable(),
  feedbackGiven: z.boolean(),
  backReferral: z.object({ number: z.string(), programmeName: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type PatientReferralView = z.infer<typeof patientReferralView>;

/** `names`: facility code → name from the facility read model (null when not learned yet). */
export function toPatientReferralView(
  r: Referral,
  names: ReadonlyMap<string, string>,
): PatientReferralView {
  const status = isReferralStatus(r.status) ? r.status : 'sent';
  const back = r.backReferral as { number?: unknown; programmeName?: unknown } | null;
  return {
    id: r.id,
    number: r.number,
    patientRef: r.patientRef,
    status,
    statusLabel: statusLabel(status),
    origin: { code: r.originFacilityCode, name: names.get(r.originFacilityCode) ?? null },
    destination: {
      code: r.destinationFacilityCode,
      name: names.get(r.destinationFacilityCode) ?? null,
    },
    poliCode: r.poliCode,
    diagnosis: { code: r.diagnosisCode, name: r.diagnosisName },
    referralDate: dateOnly(r.referralDate),
    plannedVisitDate: dateOnly(r.plannedVisitDate),
    validUntil: dateOnly(r.validUntil),
    appointment: r.visitDate
      ? {
          visitDate: dateOnly(r.visitDate),
          practiceHours: r.practiceHours,
          bookingCode: r.bookingCode,
          displayNumber: r.displayNumber,
        }
      : null,
    feedbackGiven: r.feedback !== null,
    backReferral:
      back && typeof back.number === 'string'
        ? {
            number: back.number,
            programmeName: typeof back.programmeName === 'string' ? back.programmeName : '',
          }
        : null,
    updatedAt: r.updatedAt.toISOString(),
  };
}
