import { z } from 'zod';
import type { Referral } from '../generated/prisma/client';
import { dateOnly } from './referral-dates';
import { isReferralStatus, REFERRAL_STATUSES, statusLabel } from './referral-status';

/** A referral as the API shows it (also the schema in the OpenAPI document). */
export const referralView = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(REFERRAL_STATUSES),
  statusLabel: z.string(),
  statusReason: z.string().nullable(),
  originFacilityCode: z.string(),
  destinationFacilityCode: z.string(),
  forwardedFrom: z.string().nullable(),
  poliCode: z.string(),
  subspecialty: z.string().nullable(),
  patient: z.object({
    ref: z.string(),
    name: z.string(),
    nik: z.string().nullable(),
    cardNumber: z.string().nullable(),
    phone: z.string().nullable(),
  }),
  diagnosis: z.object({ code: z.string(), name: z.string() }),
  nonSpecialist: z.boolean(),
  tacc: z.object({ code: z.number(), reason: z.string() }).nullable(),
  referralType: z.number().int(),
  serviceType: z.number().int(),
  referralDate: z.string(),
  plannedVisitDate: z.string(),
  validUntil: z.string(),
  notes: z.string().nullable(),
  referringDoctor: z.string(),
  appointment: z
    .object({
      visitDate: z.string(),
      doctorCode: z.string().nullable(),
      practiceHours: z.string().nullable(),
      bookingCode: z.string().nullable(),
      displayNumber: z.string().nullable(),
    })
    .nullable(),
  feedback: z
    .object({ diagnosis: z.string(), treatmentSummary: z.string(), followUp: z.string() })
    .nullable(),
  backReferral: z
    .object({
      number: z.string(),
      programme: z.string(),
      programmeName: z.string(),
      notes: z.string(),
    })
    .nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReferralView = z.infer<typeof referralView>;

export function toReferralView(r: Referral): ReferralView {
  const status = isReferralStatus(r.status) ? r.status : 'sent';
  return {
    id: r.id,
    number: r.number,
    status,
    statusLabel: statusLabel(status),
    statusReason: r.statusReason,
    originFacilityCode: r.originFacilityCode,
    destinationFacilityCode: r.destinationFacilityCode,
    forwardedFrom: r.forwardedFrom,
    poliCode: r.poliCode,
    subspecialty: r.subspecialty,
    patient: {
      ref: r.patientRef,
      name: r.patientName,
      nik: r.patientNik,
      cardNumber: r.patientCardNumber,
      phone: r.patientPhone,
    },
    diagnosis: { code: r.diagnosisCode, name: r.diagnosisName },
    nonSpecialist: r.nonSpecialist,
    tacc: r.taccCode !== null ? { code: r.taccCode, reason: r.taccReason ?? '' } : null,
    referralType: r.referralType,
    serviceType: r.serviceType,
    referralDate: dateOnly(r.referralDate),
    plannedVisitDate: dateOnly(r.plannedVisitDate),
    validUntil: dateOnly(r.validUntil),
    notes: r.notes,
    referringDoctor: r.referringDoctor,
    appointment: r.visitDate
      ? {
          visitDate: dateOnly(r.visitDate),
          doctorCode: r.doctorCode,
          practiceHours: r.practiceHours,
          bookingCode: r.bookingCode,
          displayNumber: r.displayNumber,
        }
      : null,
    feedback: (r.feedback as ReferralView['feedback']) ?? null,
    backReferral: (r.backReferral as ReferralView['backReferral']) ?? null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}
