import type { EventEnvelope, EventPayload } from '@app/contracts';
import type { NotificationConfig } from '../../config';
import type { Template } from '../templates/template';

/** The event types notification-service acts on; each has exactly one handler in the inbox. */
export const HANDLED_EVENT_TYPES = [
  'queue.ticket.booked',
  'queue.ticket.checked-in',
  'queue.ticket.approaching',
  'queue.ticket.called',
  'queue.ticket.recalled',
  'queue.ticket.transferred',
  'queue.ticket.cancelled',
  'queue.ticket.expired',
  'queue.doctor.absent',
  'referral.sent',
  'referral.accepted',
  'referral.declined',
  'referral.scheduled',
  'referral.expiring',
  'referral.completed',
] as const;
export type HandledEventType = (typeof HANDLED_EVENT_TYPES)[number];
export type HandledEvent = {
  [K in HandledEventType]: EventEnvelope<K, EventPayload<K>>;
}[HandledEventType];

/** What the directory knows about a ticket from its booking. */
export interface TicketInfo {
  ticketId: string;
  poliName: string;
}

export interface PlanContext {
  config: Pick<
    NotificationConfig,
    | 'PUBLIC_BASE_URL'
    | 'TIMEZONE'
    | 'REMINDER_DAY_BEFORE_AT'
    | 'REMINDER_BEFORE_SESSION_MINUTES'
    | 'CHECKIN_OPENS_MINUTES_BEFORE'
    | 'REMINDER_MIN_LEAD_SECONDS'
  >;
  now: Date;
  tickets: ReadonlyMap<string, TicketInfo>;
}

/** One notification to create: the template and its variables for one recipient. */
export interface Plan {
  recipient: string;
  template: Template<object>;
  vars: object;
  subject: string;
  facilityCode: string;
  url: string | null;
  /** Scheduled notifications (reminders) are shown and sent from this time; null = now. */
  visibleAt: Date | null;
}

export interface PlanResult {
  plans: Plan[];
  /** A ticket subject whose pending reminders no longer apply (checked in, cancelled, expired). */
  supersedes: string | null;
}

/** Typed constructor: the variables must fit the template. */
export function plan<V extends object>(
  template: Template<V>,
  vars: V,
  rest: Omit<Plan, 'template' | 'vars'>,
): Plan {
  return { ...rest, template, vars };
}

export const patientRecipient = (patientRef: string): string => patientRef;
export const facilityRecipient = (facilityCode: string): string => `facility:${facilityCode}`;
export const ticketSubject = (bookingCode: string): string => `ticket:${bookingCode}`;
export const referralSubject = (referralId: string): string => `referral:${referralId}`;
export const ticketLink = (base: string, bookingCode: string): string =>
  `${base.replace(/\/$/, '')}/tiket/${bookingCode}`;
