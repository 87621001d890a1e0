import type { EventEnvelope, EventPayload, EventType } from '@app/contracts';
import { buildEvent } from '@app/messaging';
import type { Referral } from '../generated/prisma/client';

export const PRODUCER = 'referral-service';

export type ReferralEventType = Extract<EventType, `referral.${string}`>;

/** The fields every referral event carries. */
export function referralRefOf(r: Referral) {
  return {
    referralId: r.id,
    referralNumber: r.number,
    originFacilityCode: r.originFacilityCode,
    destinationFacilityCode: r.destinationFacilityCode,
    poliCode: r.poliCode,
    patientRef: r.patientRef,
  };
}

/** A referral event, keyed by the (current) destination facility so one hospital's stay in order. */
export function referralEvent<T extends ReferralEventType>(
  type: T,
  payload: EventPayload<T>,
  r: Referral,
  correlationId: string,
  occurredAt: Date,
): EventEnvelope<T, EventPayload<T>> {
  return buildEvent(type, payload, {
    producer: PRODUCER,
    correlationId,
    key: r.destinationFacilityCode,
    occurredAt,
  });
}
