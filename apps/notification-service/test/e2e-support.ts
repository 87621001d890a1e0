import { randomUUID } from 'node:crypto';
import { Partitioners, type Producer } from 'kafkajs';
import { topicOf, type EventPayload, type EventType } from '@app/contracts';
import { buildEvent, createKafka } from '@app/messaging';

/** Publishes contract events straight to Kafka, as queue-service and referral-service will. */
export class EventPublisher {
  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string): Promise<EventPublisher> {
    const kafka = createKafka(brokers.split(','), `e2e-notif-${randomUUID().slice(0, 6)}`);
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    return new EventPublisher(producer);
  }

  build<T extends EventType>(type: T, payload: EventPayload<T>, key: string) {
    return buildEvent(type, payload, { producer: 'e2e', correlationId: `e2e-${type}`, key });
  }

  async send(...events: Array<{ id: string; type: EventType; key: string }>): Promise<void> {
    const byTopic = new Map<string, typeof events>();
    for (const e of events)
      byTopic.set(topicOf(e.type), [...(byTopic.get(topicOf(e.type)) ?? []), e]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, list]) => ({
        topic,
        messages: list.map((e) => ({ key: e.key, value: JSON.stringify(e) })),
      })),
    });
  }

  async publish<T extends EventType>(type: T, payload: EventPayload<T>, key: string) {
    const event = this.build(type, payload, key);
    await this.send(event);
    return event;
  }

  async close(): Promise<void> {
    await this.producer.disconnect();
  }
}

/** A Jakarta calendar date `days` from today. */
export function jakartaDate(days = 0): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** Jakarta wall-clock time `minutes` from now, HH:MM. */
export function jakartaClock(minutes = 0): string {
  return new Date(Date.now() + 7 * 3600_000 + minutes * 60_000).toISOString().slice(11, 16);
}

let serial = 0;
/** A fresh ticket of a fresh patient (unique per run). */
export function newTicket(facilityCode = '3329R001', serviceDate = jakartaDate()) {
  serial += 1;
  const n = String(serial).padStart(3, '0');
  const tag = randomUUID().replace(/-/g, '').slice(0, 10);
  return {
    ticketId: randomUUID(),
    bookingCode: `B${tag}`.slice(0, 12).toUpperCase(),
    facilityCode,
    poliCode: 'ANA',
    serviceDate,
    displayNumber: `ANA-${n}`,
    patientRef: `p_${tag}${n}`,
  };
}

export const phoneFor = (i: number): string => `08123${String(i).padStart(6, '0')}`;
export const e164 = (phone: string): string => `+62${phone.slice(1)}`;

export interface NotificationRow {
  id: string;
  eventId: string;
  recipient: string;
  template: string;
  title: string;
  body: string;
  locale: string;
}

export interface DeliveryRow {
  kind: 'in-app' | 'message';
  status: string;
  channel: string | null;
  provider: string | null;
  notBefore: string;
  log: Array<{ status: string; provider: string; error: string | null }>;
}

/** Settings for a notification-service process under test, beyond what testStack gives. */
export function notificationEnv(extra: Record<string, string>): Record<string, string> {
  return {
    LOG_LEVEL: 'warn',
    QUIET_HOURS_DEFAULT: 'off',
    DISPATCH_POLL_MS: '100',
    DISPATCH_RETRY_BASE_MS: '100',
    DISPATCH_RETRY_MAX_MS: '800',
    DISPATCH_MAX_ATTEMPTS: '6',
    DISPATCH_LEASE_MS: '3000',
    PROVIDER_TIMEOUT_MS: '2000',
    PROVIDER_RATE_PER_SEC: '200',
    ...extra,
  };
}
