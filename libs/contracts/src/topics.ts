/**
 * Every Kafka topic the system uses. A topic name is never written as a string anywhere else.
 * The numeric suffix is the topic's contract version: a breaking change gets a new topic.
 */
export enum Topic {
  /** Ticket lifecycle events of queue-service, keyed by facility code so one facility stays in order. */
  QueueTickets = 'queue.tickets.1',
  /** Facility master data (compacted: the latest record per facility code). */
  QueueFacilities = 'queue.facilities.1',
  /** Referral lifecycle events of referral-service, keyed by destination facility. */
  ReferralReferrals = 'referral.referrals.1',
  /** Messages a consumer could not parse or could not process, with the reason. */
  DeadLetter = 'platform.dead-letter.1',
}

export interface TopicSpec {
  topic: Topic;
  partitions: number;
  /** `compact` keeps the latest value per key; `delete` keeps a time window. */
  cleanupPolicy: 'delete' | 'compact';
  retentionMs?: number;
}

const SEVEN_DAYS_MS = 7 * 24 * 3600 * 1000;

export const TOPIC_SPECS: readonly TopicSpec[] = [
  { topic: Topic.QueueTickets, partitions: 6, cleanupPolicy: 'delete', retentionMs: SEVEN_DAYS_MS },
  { topic: Topic.QueueFacilities, partitions: 3, cleanupPolicy: 'compact' },
  {
    topic: Topic.ReferralReferrals,
    partitions: 6,
    cleanupPolicy: 'delete',
    retentionMs: SEVEN_DAYS_MS,
  },
  {
    topic: Topic.DeadLetter,
    partitions: 1,
    cleanupPolicy: 'delete',
    retentionMs: 4 * SEVEN_DAYS_MS,
  },
];
