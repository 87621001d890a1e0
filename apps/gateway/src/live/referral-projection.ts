import type { EventEnvelope, EventPayload } from '@app/contracts';

/** Where a referral stands after each event (referral-service's statuses, as its API names them). */
export const REFERRAL_STATUS_AFTER = {
  'referral.sent': 'sent',
  'referral.received': 'received',
  'referral.accepted': 'accepted',
  'referral.declined': 'declined',
  'referral.forwarded': 'forwarded',
  'referral.scheduled': 'scheduled',
  'referral.needs-rescheduling': 'needs_rescheduling',
  'referral.attended': 'attended',
  'referral.no-show': 'no_show',
  'referral.completed': 'completed',
  'referral.back-referred': 'back_referred',
  'referral.cancelled': 'cancelled',
  'referral.expired': 'expired',
} as const;
export type ReferralLiveEventType = keyof typeof REFERRAL_STATUS_AFTER;

type ReferralEvent = EventEnvelope<ReferralLiveEventType, EventPayload<ReferralLiveEventType>>;

export interface ReferralLiveMessage {
  event: ReferralLiveEventType;
  data: {
    eventId: string;
    occurredAt: string;
    id: string;
    number: string;
    status: (typeof REFERRAL_STATUS_AFTER)[ReferralLiveEventType];
    originFacilityCode: string;
    /** The hospital the referral is now addressed to (the new one after a forward). */
    destinationFacilityCode: string;
    forwardedFrom?: string;
    poliCode: string;
    diagnosisCode?: string;
    nonSpecialist?: boolean;
    referralDate?: string;
    plannedVisitDate?: string;
    validUntil?: string;
    visitDate?: string;
    displayNumber?: string;
  };
}

/**
 * What the referral pages may see of an event: the referral's number, status, facilities, poli,
 * diagnosis code and dates. Never the patient (name, NIK, card number, phone, reference), nor
 * free text that may carry clinical detail (reasons, notes, feedback): the page re-reads the
 * referral over HTTP when it needs more.
 */
export function referralProjection(event: ReferralEvent): ReferralLiveMessage {
  const p = event.payload as EventPayload<ReferralLiveEventType> & Record<string, unknown>;
  const forwarded = event.type === 'referral.forwarded';
  const data: ReferralLiveMessage['data'] = {
    eventId: event.id,
    occurredAt: event.occurredAt,
    id: p.referralId,
    number: p.referralNumber,
    status: REFERRAL_STATUS_AFTER[event.type],
    originFacilityCode: p.originFacilityCode,
    destinationFacilityCode: forwarded ? String(p.toFacilityCode) : p.destinationFacilityCode,
    poliCode: p.poliCode,
  };
  if (forwarded) data.forwardedFrom = p.destinationFacilityCode;
  const diagnosis = p.diagnosis as { code?: unknown } | undefined;
  if (typeof diagnosis?.code === 'string') data.diagnosisCode = diagnosis.code;
  if (typeof p.nonSpecialist === 'boolean') data.nonSpecialist = p.nonSpecialist;
  for (const key of [
    'referralDate',
    'plannedVisitDate',
    'validUntil',
    'visitDate',
    'displayNumber',
  ] as const) {
    const value = p[key];
    if (typeof value === 'string') data[key] = value;
  }
  return { event: event.type, data };
}

/** The facilities that follow a referral: the FKTP that sent it and the hospital(s) it is at. */
export function referralAudience(event: ReferralEvent): string[] {
  const p = event.payload as EventPayload<ReferralLiveEventType> & Record<string, unknown>;
  const codes = [p.originFacilityCode, p.destinationFacilityCode];
  if (typeof p.toFacilityCode === 'string') codes.push(p.toFacilityCode);
  return [...new Set(codes)];
}
