import * as Q from './plan-queue-events';
import * as R from './plan-referral-events';
import type { HandledEvent, PlanContext, PlanResult } from './plan';

/** What to tell whom for one event: a pure function of the event and what the directory knows. */
export function planEvent(event: HandledEvent, ctx: PlanContext): PlanResult {
  switch (event.type) {
    case 'queue.ticket.booked':
      return Q.planBooked(event.payload, ctx);
    case 'queue.ticket.checked-in':
      return Q.planCheckedIn(event.payload);
    case 'queue.ticket.approaching':
      return Q.planApproaching(event.payload, ctx);
    case 'queue.ticket.called':
      return Q.planCalled(event.payload, ctx, false);
    case 'queue.ticket.recalled':
      return Q.planCalled(event.payload, ctx, true);
    case 'queue.ticket.transferred':
      return Q.planTransferred(event.payload, ctx);
    case 'queue.ticket.cancelled':
      return Q.planCancelled(event.payload, ctx);
    case 'queue.ticket.expired':
      return Q.planExpired(event.payload, ctx);
    case 'queue.doctor.absent':
      return Q.planDoctorAbsent(event.payload, ctx);
    case 'referral.sent':
      return R.planReferralSent(event.payload);
    case 'referral.accepted':
      return R.planReferralAccepted(event.payload);
    case 'referral.declined':
      return R.planReferralDeclined(event.payload);
    case 'referral.scheduled':
      return R.planReferralScheduled(event.payload, ctx);
    case 'referral.expiring':
      return R.planReferralExpiring(event.payload);
    case 'referral.completed':
      return R.planReferralCompleted(event.payload);
  }
}

/** Ticket ids an event refers to, so the directory can be asked for them before planning. */
export function ticketIdsOf(event: HandledEvent): string[] {
  if (event.type === 'queue.doctor.absent') return event.payload.affected.map((t) => t.ticketId);
  if (event.type.startsWith('queue.ticket.'))
    return [(event.payload as { ticketId: string }).ticketId];
  return [];
}
