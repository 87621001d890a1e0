import type { z } from 'zod';
import { Topic } from './topics';
import { ticketBookedV1 } from './events/ticket-booked';
import * as T from './events/ticket-lifecycle';
import * as R from './events/referral-lifecycle';
import { referralBookingRejectedV1 } from './events/queue-booking-result';
import { facilityUpsertedV1 } from './events/facility-upserted';

/**
 * The schema registry: for every event type and version, the topic it travels on and the schema
 * of its payload. Producers and consumers both validate against this table.
 */
export const EVENT_CATALOG = {
  'queue.ticket.booked': { topic: Topic.QueueTickets, versions: { 1: ticketBookedV1 } },
  'queue.facility.upserted': { topic: Topic.QueueFacilities, versions: { 1: facilityUpsertedV1 } },
  'queue.ticket.checked-in': { topic: Topic.QueueTickets, versions: { 1: T.ticketCheckedInV1 } },
  'queue.ticket.called': { topic: Topic.QueueTickets, versions: { 1: T.ticketCalledV1 } },
  'queue.ticket.recalled': { topic: Topic.QueueTickets, versions: { 1: T.ticketRecalledV1 } },
  'queue.ticket.no-show': { topic: Topic.QueueTickets, versions: { 1: T.ticketNoShowV1 } },
  'queue.ticket.service-started': {
    topic: Topic.QueueTickets,
    versions: { 1: T.ticketServiceStartedV1 },
  },
  'queue.ticket.service-finished': {
    topic: Topic.QueueTickets,
    versions: { 1: T.ticketServiceFinishedV1 },
  },
  'queue.ticket.transferred': { topic: Topic.QueueTickets, versions: { 1: T.ticketTransferredV1 } },
  'queue.ticket.cancelled': { topic: Topic.QueueTickets, versions: { 1: T.ticketCancelledV1 } },
  'queue.ticket.expired': { topic: Topic.QueueTickets, versions: { 1: T.ticketExpiredV1 } },
  'queue.ticket.approaching': { topic: Topic.QueueTickets, versions: { 1: T.ticketApproachingV1 } },
  'queue.ticket.task-recorded': {
    topic: Topic.QueueTickets,
    versions: { 1: T.ticketTaskRecordedV1 },
  },
  'queue.doctor.absent': { topic: Topic.QueueTickets, versions: { 1: T.doctorAbsentV1 } },
  'queue.referral-booking.rejected': {
    topic: Topic.QueueTickets,
    versions: { 1: referralBookingRejectedV1 },
  },
  'referral.sent': { topic: Topic.ReferralReferrals, versions: { 1: R.referralSentV1 } },
  'referral.received': { topic: Topic.ReferralReferrals, versions: { 1: R.referralReceivedV1 } },
  'referral.accepted': { topic: Topic.ReferralReferrals, versions: { 1: R.referralAcceptedV1 } },
  'referral.declined': { topic: Topic.ReferralReferrals, versions: { 1: R.referralDeclinedV1 } },
  'referral.forwarded': { topic: Topic.ReferralReferrals, versions: { 1: R.referralForwardedV1 } },
  'referral.scheduled': { topic: Topic.ReferralReferrals, versions: { 1: R.referralScheduledV1 } },
  'referral.needs-rescheduling': {
    topic: Topic.ReferralReferrals,
    versions: { 1: R.referralNeedsReschedulingV1 },
  },
  'referral.attended': { topic: Topic.ReferralReferrals, versions: { 1: R.referralAttendedV1 } },
  'referral.no-show': { topic: Topic.ReferralReferrals, versions: { 1: R.referralNoShowV1 } },
  'referral.completed': { topic: Topic.ReferralReferrals, versions: { 1: R.referralCompletedV1 } },
  'referral.back-referred': {
    topic: Topic.ReferralReferrals,
    versions: { 1: R.referralBackReferredV1 },
  },
  'referral.cancelled': { topic: Topic.ReferralReferrals, versions: { 1: R.referralCancelledV1 } },
  'referral.expired': { topic: Topic.ReferralReferrals, versions: { 1: R.referralExpiredV1 } },
  'referral.expiring': { topic: Topic.ReferralReferrals, versions: { 1: R.referralExpiringV1 } },
} as const satisfies Record<string, { topic: Topic; versions: Record<number, z.ZodType> }>;

export type EventType = keyof typeof EVENT_CATALOG;

type Catalog = typeof EVENT_CATALOG;
type LatestVersion<T extends EventType> = keyof Catalog[T]['versions'] & number;

/** The payload type of an event type at a version (the newest one by default). */
export type EventPayload<T extends EventType, V extends LatestVersion<T> = LatestVersion<T>> =
  Catalog[T]['versions'][V] extends z.ZodType<infer P> ? P : never;

export const EventTypes = {
  TicketBooked: 'queue.ticket.booked',
  FacilityUpserted: 'queue.facility.upserted',
  TicketCheckedIn: 'queue.ticket.checked-in',
  TicketCalled: 'queue.ticket.called',
  TicketRecalled: 'queue.ticket.recalled',
  TicketNoShow: 'queue.ticket.no-show',
  TicketServiceStarted: 'queue.ticket.service-started',
  TicketServiceFinished: 'queue.ticket.service-finished',
  TicketTransferred: 'queue.ticket.transferred',
  TicketCancelled: 'queue.ticket.cancelled',
  TicketExpired: 'queue.ticket.expired',
  TicketApproaching: 'queue.ticket.approaching',
  TicketTaskRecorded: 'queue.ticket.task-recorded',
  DoctorAbsent: 'queue.doctor.absent',
  ReferralBookingRejected: 'queue.referral-booking.rejected',
  ReferralSent: 'referral.sent',
  ReferralReceived: 'referral.received',
  ReferralAccepted: 'referral.accepted',
  ReferralDeclined: 'referral.declined',
  ReferralForwarded: 'referral.forwarded',
  ReferralScheduled: 'referral.scheduled',
  ReferralNeedsRescheduling: 'referral.needs-rescheduling',
  ReferralAttended: 'referral.attended',
  ReferralNoShow: 'referral.no-show',
  ReferralCompleted: 'referral.completed',
  ReferralBackReferred: 'referral.back-referred',
  ReferralCancelled: 'referral.cancelled',
  ReferralExpired: 'referral.expired',
  ReferralExpiring: 'referral.expiring',
} as const satisfies Record<string, EventType>;

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

export function topicOf(type: EventType): Topic {
  return EVENT_CATALOG[type].topic;
}

export function latestVersionOf(type: EventType): number {
  return Math.max(...Object.keys(EVENT_CATALOG[type].versions).map(Number));
}

export function payloadSchemaOf(type: EventType, version: number): z.ZodType | undefined {
  const versions: Record<number, z.ZodType> = EVENT_CATALOG[type].versions;
  return versions[version];
}
