/** A referral as the gateway answers it (referral-service's view; lists mask the identifiers). */
export interface ReferralView {
  id: string;
  number: string;
  status: string;
  statusReason: string | null;
  originFacilityCode: string;
  destinationFacilityCode: string;
  forwardedFrom: string | null;
  poliCode: string;
  subspecialty: string | null;
  patient: { name: string; nik: string | null; cardNumber: string | null; phone: string | null };
  diagnosis: { code: string; name: string };
  nonSpecialist: boolean;
  tacc: { code: number; reason: string } | null;
  referralDate: string;
  plannedVisitDate: string;
  validUntil: string;
  notes: string | null;
  referringDoctor: string;
  appointment: {
    visitDate: string;
    doctorCode: string | null;
    practiceHours: string | null;
    bookingCode: string | null;
    displayNumber: string | null;
  } | null;
  feedback: { diagnosis: string; treatmentSummary: string; followUp: string } | null;
  updatedAt: string;
}

/** What `subscribe-referrals` pushes: the referral without its patient. */
export interface ReferralPush {
  id: string;
  number: string;
  status: string;
  occurredAt: string;
  originFacilityCode: string;
  destinationFacilityCode: string;
  poliCode: string;
  visitDate?: string;
  displayNumber?: string;
}

export function isReferralPush(event: string, data: Record<string, unknown>): boolean {
  return (
    event.startsWith('referral.') && typeof data.id === 'string' && typeof data.status === 'string'
  );
}

/**
 * Applies one pushed event to a list already read: the referral's status, hospital and appointment
 * change in place. `known` is false for a referral the list has not got yet (the page re-reads
 * once to get its patient and diagnosis). An event older than what the list shows is ignored, so
 * a push that crossed a re-read never moves a status backwards.
 */
export function applyReferralPush(
  list: readonly ReferralView[],
  push: ReferralPush,
): { list: ReferralView[]; known: boolean } {
  const index = list.findIndex((r) => r.id === push.id);
  if (index < 0) return { list: [...list], known: false };
  const current = list[index];
  if (Date.parse(push.occurredAt) < Date.parse(current.updatedAt)) {
    return { list: [...list], known: true };
  }
  const appointment =
    push.visitDate !== undefined
      ? {
          doctorCode: null,
          practiceHours: null,
          bookingCode: null,
          ...current.appointment,
          visitDate: push.visitDate,
          displayNumber: push.displayNumber ?? current.appointment?.displayNumber ?? null,
        }
      : current.appointment;
  const updated: ReferralView = {
    ...current,
    status: push.status,
    destinationFacilityCode: push.destinationFacilityCode,
    poliCode: push.poliCode,
    appointment,
    updatedAt: push.occurredAt,
  };
  const next = [...list];
  next[index] = updated;
  return { list: next, known: true };
}
