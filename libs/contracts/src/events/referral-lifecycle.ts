import { z } from 'zod';
import { FACILITY_CODE } from '../envelope';
import { ISO_TIME, PATIENT_REF, POLI_CODE, patientContact, sealedContact } from './common';

/** National referral number: 8-char facility code + MMYY + letter (P/B/K) + 6-digit serial. */
export const REFERRAL_NUMBER = z
  .string()
  .regex(/^[0-9A-Z]{8}\d{4}[PBK]\d{6}$/, 'nomor rujukan 19 karakter');

/** Fields every referral event carries. Keyed on Kafka by the destination facility. */
export const referralRef = {
  referralId: z.uuid(),
  referralNumber: REFERRAL_NUMBER,
  originFacilityCode: FACILITY_CODE,
  destinationFacilityCode: FACILITY_CODE,
  poliCode: POLI_CODE,
  patientRef: PATIENT_REF,
};

/** Sent by an FKTP doctor to a hospital. Carries what the hospital desk needs to receive the patient. */
export const referralSentV1 = z
  .object({
    ...referralRef,
    referralDate: z.iso.date(),
    plannedVisitDate: z.iso.date(),
    validUntil: z.iso.date(),
    serviceType: z.union([z.literal(1), z.literal(2)]),
    referralType: z.union([z.literal(0), z.literal(1), z.literal(2)]),
    diagnosis: z.object({ code: z.string(), name: z.string() }).strict(),
    nonSpecialist: z.boolean(),
    tacc: z.object({ code: z.number().int(), reason: z.string() }).strict().optional(),
    notes: z.string().max(2000).optional(),
    /**
     * The name is for the hospital desk that receives the patient (also on its webhook); the
     * contact is sealed for notification-service. NIK and card number never travel: queue-service
     * reads them from referral-service's audited internal endpoint when it books the ticket.
     */
    patient: z
      .object({
        name: z.string(),
        /** Deprecated (plain): events written before contacts were sealed. */
        contact: patientContact.optional(),
        sealedContact: sealedContact.optional(),
        locale: z.enum(['id', 'en']).optional(),
      })
      .strict(),
    referringDoctor: z.string(),
    sentAt: ISO_TIME,
  })
  .strict();

export const referralReceivedV1 = z.object({ ...referralRef, at: ISO_TIME }).strict();

/** The hospital accepts: queue-service books a ticket for this date, poli and doctor. */
export const referralAcceptedV1 = z
  .object({
    ...referralRef,
    visitDate: z.iso.date(),
    doctorCode: z.string().max(12).optional(),
    practiceHours: z.string().optional(),
    at: ISO_TIME,
  })
  .strict();

export const referralDeclinedV1 = z
  .object({ ...referralRef, reason: z.string().min(1).max(500), at: ISO_TIME })
  .strict();

export const referralForwardedV1 = z
  .object({
    ...referralRef,
    toFacilityCode: FACILITY_CODE,
    reason: z.string().max(500),
    at: ISO_TIME,
  })
  .strict();

/** The hospital ticket for the referral exists. */
export const referralScheduledV1 = z
  .object({
    ...referralRef,
    bookingCode: z.string(),
    displayNumber: z.string(),
    visitDate: z.iso.date(),
    estimatedServiceAt: ISO_TIME.optional(),
    at: ISO_TIME,
  })
  .strict();

/** Booking the hospital ticket failed (e.g. quota full): the hospital must pick another date. */
export const referralNeedsReschedulingV1 = z
  .object({ ...referralRef, reason: z.string(), errorCode: z.string(), at: ISO_TIME })
  .strict();

export const referralAttendedV1 = z.object({ ...referralRef, at: ISO_TIME }).strict();
export const referralNoShowV1 = z.object({ ...referralRef, at: ISO_TIME }).strict();

export const referralCompletedV1 = z
  .object({
    ...referralRef,
    feedback: z
      .object({ diagnosis: z.string(), treatmentSummary: z.string(), followUp: z.string() })
      .strict(),
    at: ISO_TIME,
  })
  .strict();

/** Rujuk balik for a chronic programme (PRB 01 DM … 09 SLE). */
export const referralBackReferredV1 = z
  .object({
    ...referralRef,
    programme: z.string().regex(/^0[1-9]$/),
    notes: z.string().max(2000),
    at: ISO_TIME,
  })
  .strict();

export const referralCancelledV1 = z
  .object({ ...referralRef, reason: z.string().max(500), at: ISO_TIME })
  .strict();
export const referralExpiredV1 = z.object({ ...referralRef, at: ISO_TIME }).strict();
export const referralExpiringV1 = z
  .object({ ...referralRef, validUntil: z.iso.date(), daysLeft: z.number().int().nonnegative() })
  .strict();
