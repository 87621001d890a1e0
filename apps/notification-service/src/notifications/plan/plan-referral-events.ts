import type { EventPayload } from '@app/contracts';
import * as R from '../templates/referral.templates';
import {
  facilityRecipient,
  plan,
  referralSubject,
  ticketLink,
  type PlanContext,
  type PlanResult,
} from './plan';

type Ref = EventPayload<'referral.accepted'>;
type RefFields = Pick<
  Ref,
  'referralNumber' | 'originFacilityCode' | 'destinationFacilityCode' | 'poliCode'
>;

const refVars = (p: RefFields) => ({
  referralNumber: p.referralNumber,
  originFacilityCode: p.originFacilityCode,
  destinationFacilityCode: p.destinationFacilityCode,
  poliCode: p.poliCode,
});

const toPatient = (p: Pick<Ref, 'patientRef' | 'referralId' | 'destinationFacilityCode'>) => ({
  recipient: p.patientRef,
  subject: referralSubject(p.referralId),
  facilityCode: p.destinationFacilityCode,
  url: null,
  visibleAt: null,
});

const one = (x: ReturnType<typeof plan>): PlanResult => ({ plans: [x], supersedes: null });

/** A new referral for the destination hospital's referral desk. */
export function planReferralSent(p: EventPayload<'referral.sent'>): PlanResult {
  return one(
    plan(
      R.referralNew,
      {
        ...refVars(p),
        plannedVisitDate: p.plannedVisitDate,
        diagnosisCode: p.diagnosis.code,
        diagnosisName: p.diagnosis.name,
        referringDoctor: p.referringDoctor,
      },
      {
        recipient: facilityRecipient(p.destinationFacilityCode),
        subject: referralSubject(p.referralId),
        facilityCode: p.destinationFacilityCode,
        url: null,
        visibleAt: null,
      },
    ),
  );
}

export function planReferralAccepted(p: EventPayload<'referral.accepted'>): PlanResult {
  return one(plan(R.referralAccepted, { ...refVars(p), visitDate: p.visitDate }, toPatient(p)));
}

export function planReferralDeclined(p: EventPayload<'referral.declined'>): PlanResult {
  return one(plan(R.referralDeclined, { ...refVars(p), reason: p.reason }, toPatient(p)));
}

/** Scheduled: the patient gets the hospital ticket and its live link. */
export function planReferralScheduled(
  p: EventPayload<'referral.scheduled'>,
  ctx: PlanContext,
): PlanResult {
  const link = ticketLink(ctx.config.PUBLIC_BASE_URL, p.bookingCode);
  return one(
    plan(
      R.referralScheduled,
      {
        ...refVars(p),
        visitDate: p.visitDate,
        displayNumber: p.displayNumber,
        bookingCode: p.bookingCode,
        estimatedServiceAt: p.estimatedServiceAt ?? null,
        link,
      },
      { ...toPatient(p), url: link },
    ),
  );
}

export function planReferralExpiring(p: EventPayload<'referral.expiring'>): PlanResult {
  return one(
    plan(
      R.referralExpiring,
      { ...refVars(p), validUntil: p.validUntil, daysLeft: p.daysLeft },
      toPatient(p),
    ),
  );
}

/** The hospital's feedback goes back to the referring facility (the FKTP doctor's desk). */
export function planReferralCompleted(p: EventPayload<'referral.completed'>): PlanResult {
  return one(
    plan(
      R.referralFeedback,
      { ...refVars(p), ...p.feedback },
      {
        recipient: facilityRecipient(p.originFacilityCode),
        subject: referralSubject(p.referralId),
        facilityCode: p.originFacilityCode,
        url: null,
        visibleAt: null,
      },
    ),
  );
}
