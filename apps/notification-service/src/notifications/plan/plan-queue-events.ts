import type { EventPayload } from '@app/contracts';
import { addDays, zonedInstant } from '../../scheduling/local-time';
import * as T from '../templates/queue.templates';
import {
  plan,
  ticketLink,
  ticketSubject,
  type Plan,
  type PlanContext,
  type PlanResult,
} from './plan';

type TicketRefFields = EventPayload<'queue.ticket.cancelled'>;
type TicketRef = Pick<
  TicketRefFields,
  | 'ticketId'
  | 'bookingCode'
  | 'facilityCode'
  | 'poliCode'
  | 'serviceDate'
  | 'displayNumber'
  | 'patientRef'
>;

function ticketVars(t: TicketRef, ctx: PlanContext) {
  return {
    displayNumber: t.displayNumber,
    bookingCode: t.bookingCode,
    poliName: ctx.tickets.get(t.ticketId)?.poliName ?? t.poliCode,
    serviceDate: t.serviceDate,
    link: ticketLink(ctx.config.PUBLIC_BASE_URL, t.bookingCode),
  };
}

const about = (t: TicketRef, ctx: PlanContext, visibleAt: Date | null = null) => ({
  recipient: t.patientRef,
  subject: ticketSubject(t.bookingCode),
  facilityCode: t.facilityCode,
  url: ticketLink(ctx.config.PUBLIC_BASE_URL, t.bookingCode),
  visibleAt,
});

/** Booking confirmation now; day-before, before-session and check-in-open reminders scheduled. */
export function planBooked(p: EventPayload<'queue.ticket.booked'>, ctx: PlanContext): PlanResult {
  const c = ctx.config;
  const vars = { ...ticketVars(p, ctx), poliName: p.poliName };
  const plans: Plan[] = [
    plan(
      T.ticketBooked,
      { ...vars, estimatedServiceAt: p.estimatedServiceAt ?? null },
      about(p, ctx),
    ),
  ];
  const earliest = ctx.now.getTime() + c.REMINDER_MIN_LEAD_SECONDS * 1000;
  const due = (at: Date | null): at is Date => at !== null && at.getTime() > earliest;
  const sessionStart = p.practiceHours?.slice(0, 5) ?? null;
  const sessionAt = sessionStart ? zonedInstant(p.serviceDate, sessionStart, c.TIMEZONE) : null;

  const dayBefore = zonedInstant(addDays(p.serviceDate, -1), c.REMINDER_DAY_BEFORE_AT, c.TIMEZONE);
  if (due(dayBefore))
    plans.push(plan(T.reminderDayBefore, { ...vars, sessionStart }, about(p, ctx, dayBefore)));

  const serviceAt = p.estimatedServiceAt ? new Date(p.estimatedServiceAt) : sessionAt;
  const beforeSession = serviceAt
    ? new Date(serviceAt.getTime() - c.REMINDER_BEFORE_SESSION_MINUTES * 60_000)
    : null;
  if (serviceAt && due(beforeSession))
    plans.push(
      plan(
        T.reminderBeforeSession,
        { ...vars, at: serviceAt.toISOString() },
        about(p, ctx, beforeSession),
      ),
    );

  const checkin = sessionAt
    ? new Date(sessionAt.getTime() - c.CHECKIN_OPENS_MINUTES_BEFORE * 60_000)
    : null;
  if (due(checkin)) plans.push(plan(T.checkinOpen, vars, about(p, ctx, checkin)));
  return { plans, supersedes: null };
}

export function planCheckedIn(p: EventPayload<'queue.ticket.checked-in'>): PlanResult {
  return { plans: [], supersedes: ticketSubject(p.bookingCode) };
}

export function planApproaching(
  p: EventPayload<'queue.ticket.approaching'>,
  ctx: PlanContext,
): PlanResult {
  const vars = { ...ticketVars(p, ctx), ahead: Math.max(0, p.position - 1), station: p.station };
  return { plans: [plan(T.ticketApproaching, vars, about(p, ctx))], supersedes: null };
}

export function planCalled(
  p: EventPayload<'queue.ticket.called'>,
  ctx: PlanContext,
  recall: boolean,
): PlanResult {
  const vars = {
    ...ticketVars(p, ctx),
    counterName: p.counter.name,
    callCount: p.callCount,
    recall: recall || p.callCount > 1,
  };
  return { plans: [plan(T.ticketCalled, vars, about(p, ctx))], supersedes: null };
}

export function planTransferred(
  p: EventPayload<'queue.ticket.transferred'>,
  ctx: PlanContext,
): PlanResult {
  const vars = { ...ticketVars(p, ctx), toStation: p.toStation, toPoliCode: p.toPoliCode ?? null };
  return { plans: [plan(T.ticketTransferred, vars, about(p, ctx))], supersedes: null };
}

export function planCancelled(
  p: EventPayload<'queue.ticket.cancelled'>,
  ctx: PlanContext,
): PlanResult {
  return {
    plans: [plan(T.ticketCancelled, { ...ticketVars(p, ctx), reason: p.reason }, about(p, ctx))],
    supersedes: ticketSubject(p.bookingCode),
  };
}

export function planExpired(p: EventPayload<'queue.ticket.expired'>, ctx: PlanContext): PlanResult {
  return {
    plans: [plan(T.ticketExpired, ticketVars(p, ctx), about(p, ctx))],
    supersedes: ticketSubject(p.bookingCode),
  };
}

/** Every affected patient is told, once each. */
export function planDoctorAbsent(
  p: EventPayload<'queue.doctor.absent'>,
  ctx: PlanContext,
): PlanResult {
  const plans = p.affected.map((t) =>
    plan(
      T.doctorAbsent,
      { ...ticketVars(t, ctx), doctorName: p.doctorName, reason: p.reason },
      about(t, ctx),
    ),
  );
  return { plans, supersedes: null };
}
