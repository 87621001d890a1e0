import { DomainError } from '@app/http';
import { ReferralErrorCode } from '../errors';

/** Where a referral stands in the closed loop (FKTP → hospital → back to the FKTP). */
export const REFERRAL_STATUSES = [
  'sent',
  'received',
  'accepted',
  'declined',
  'forwarded',
  'scheduled',
  'needs_rescheduling',
  'attended',
  'no_show',
  'completed',
  'back_referred',
  'cancelled',
  'expired',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** What happens to a referral, and who makes it happen. */
export const REFERRAL_ACTIONS = [
  'receive',
  'accept',
  'decline',
  'forward',
  'schedule',
  'needReschedule',
  'attend',
  'markNoShow',
  'complete',
  'backRefer',
  'cancel',
  'expire',
] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

/**
 * The closed loop as a table: for each action, the statuses it may start from and where it leads.
 * A forwarded referral waits at its new hospital exactly as a sent one does; a hospital may accept
 * again (a new date) after the booking failed or the patient did not come.
 */
export const TRANSITIONS: Record<
  ReferralAction,
  { from: readonly ReferralStatus[]; to: ReferralStatus }
> = {
  receive: { from: ['sent', 'forwarded'], to: 'received' },
  accept: { from: ['received', 'needs_rescheduling', 'no_show'], to: 'accepted' },
  decline: { from: ['received', 'needs_rescheduling'], to: 'declined' },
  forward: { from: ['received', 'needs_rescheduling'], to: 'forwarded' },
  schedule: { from: ['accepted'], to: 'scheduled' },
  needReschedule: { from: ['accepted'], to: 'needs_rescheduling' },
  attend: { from: ['scheduled'], to: 'attended' },
  markNoShow: { from: ['scheduled'], to: 'no_show' },
  complete: { from: ['attended'], to: 'completed' },
  backRefer: { from: ['completed'], to: 'back_referred' },
  cancel: {
    from: ['sent', 'received', 'forwarded', 'accepted', 'needs_rescheduling', 'scheduled'],
    to: 'cancelled',
  },
  expire: {
    from: ['sent', 'received', 'forwarded', 'accepted', 'needs_rescheduling', 'scheduled'],
    to: 'expired',
  },
};

/** Statuses the expiry sweep looks at: the patient has not been seen yet. */
export const EXPIRABLE: readonly ReferralStatus[] = TRANSITIONS.expire.from;

const LABEL: Record<ReferralStatus, string> = {
  sent: 'terkirim',
  received: 'diterima RS',
  accepted: 'disetujui',
  declined: 'ditolak',
  forwarded: 'dialihkan',
  scheduled: 'terjadwal',
  needs_rescheduling: 'perlu dijadwalkan ulang',
  attended: 'sudah dilayani',
  no_show: 'tidak hadir',
  completed: 'selesai',
  back_referred: 'dirujuk balik',
  cancelled: 'dibatalkan',
  expired: 'kedaluwarsa',
};

export function statusLabel(status: ReferralStatus): string {
  return LABEL[status];
}

export function isReferralStatus(value: string): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly string[]).includes(value);
}

/**
 * The status after `action`, or a clear refusal: REFERRAL.EXPIRED once the referral has expired
 * (or its validity ran out before the sweep caught it), REFERRAL.ILLEGAL_TRANSITION otherwise.
 */
export function nextStatus(
  current: ReferralStatus,
  action: ReferralAction,
  validity?: { validUntil: string; today: string },
): ReferralStatus {
  const rule = TRANSITIONS[action];
  const pastValidity =
    validity !== undefined && validity.today > validity.validUntil && action !== 'expire';
  const beforeVisit = EXPIRABLE.includes(current);
  if (current === 'expired' || (pastValidity && beforeVisit && action !== 'cancel')) {
    throw new DomainError(
      ReferralErrorCode.Expired,
      `Rujukan sudah kedaluwarsa (berlaku sampai ${validity?.validUntil ?? 'tanggal akhir'}). Buat rujukan baru.`,
      { status: current, action },
    );
  }
  if (!rule.from.includes(current)) {
    throw new DomainError(
      ReferralErrorCode.IllegalTransition,
      `Rujukan berstatus "${statusLabel(current)}" tidak dapat di-${ACTION_LABEL[action]}.`,
      { status: current, action, allowedFrom: rule.from },
    );
  }
  return rule.to;
}

const ACTION_LABEL: Record<ReferralAction, string> = {
  receive: 'terima (buka)',
  accept: 'setujui',
  decline: 'tolak',
  forward: 'alihkan',
  schedule: 'jadwalkan',
  needReschedule: 'tandai perlu jadwal ulang',
  attend: 'tandai sudah dilayani',
  markNoShow: 'tandai tidak hadir',
  complete: 'selesaikan',
  backRefer: 'rujuk balik',
  cancel: 'batalkan',
  expire: 'kedaluwarsakan',
};
