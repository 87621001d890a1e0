import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { Topic } from '@app/contracts';
import {
  envelopesOf,
  eventually,
  readTopicToEnd,
  type HttpReceiver,
  type WebhookReceiver,
} from '@app/testing';
import type { SteadyLoad } from './load';

/** What one check found: work acknowledged but missing, and work done more than once. */
export interface Tally {
  lost: number;
  duplicated: number;
  problems: string[];
  /** Waits of the check that took long (the system still settling), for the report's notes. */
  slow?: string[];
}

const TRANSITION_EVENT: Record<string, string> = {
  'checked-in': 'queue.ticket.checked-in',
  called: 'queue.ticket.called',
  'service-started': 'queue.ticket.service-started',
  'service-finished': 'queue.ticket.service-finished',
};

/** Reads the real stores (Postgres of each service, Kafka, the receivers) and counts violations. */
export class Invariants {
  constructor(
    private readonly urls: { queue: string; referral: string; notification: string },
    private readonly facility: string,
    private readonly brokers: string,
    private readonly sms: HttpReceiver,
    private readonly hospital: WebhookReceiver,
  ) {}

  private async query<T>(
    db: 'queue' | 'referral' | 'notification',
    sql: string,
    args: unknown[] = [],
  ) {
    const c = new Client(pgPoolConfigFromUrl(this.urls[db]));
    await c.connect();
    try {
      return (await c.query(sql, args)).rows as T[];
    } finally {
      await c.end();
    }
  }

  /** Waits for the system to settle (outboxes drained, events read, messages sent), then checks. */
  async check(load: SteadyLoad): Promise<Tally> {
    const t: Tally = { lost: 0, duplicated: 0, problems: [], slow: [] };
    const timed = async <R>(what: string, wait: () => Promise<R>): Promise<R> => {
      const started = Date.now();
      try {
        return await wait();
      } finally {
        const s = Math.round((Date.now() - started) / 1000);
        if (s >= 5) t.slow!.push(`${what} ${s} s`);
      }
    };
    const flag = (kind: 'lost' | 'duplicated', n: number, what: string) => {
      if (n <= 0) return;
      t[kind] += n;
      t.problems.push(`${kind} ${n}: ${what}`);
    };

    // Every request got a definite answer (a client never left in doubt).
    flag(
      'lost',
      load.bookings.filter((b) => b.outcome === 'unknown').length,
      'bookings never answered',
    );
    flag(
      'lost',
      load.referrals.filter((r) => r.outcome === 'unknown').length,
      'referrals never answered',
    );

    // Bookings: each accepted one exactly once, by booking code and by idempotency key.
    const rows = await this.query<{
      booking_code: string;
      idempotency_key: string | null;
      patient_ref: string;
      id: string;
    }>(
      'queue',
      'SELECT id, booking_code, idempotency_key, patient_ref FROM ticket WHERE facility_code = $1',
      [this.facility],
    );
    const byCode = new Map(rows.map((r) => [r.booking_code, r]));
    const byKey = countBy(rows, (r) => r.idempotency_key ?? '');
    // Every load booking is another patient (own NIK): a patientRef twice is one request booked twice.
    const byPatient = countBy(rows, (r) => r.patient_ref);
    const accepted = load.bookings.filter((b) => b.outcome === 'accepted');
    flag(
      'lost',
      accepted.filter((b) => !b.bookingCode || !byCode.has(b.bookingCode)).length,
      'accepted bookings missing',
    );
    flag(
      'duplicated',
      accepted.filter((b) => (byKey.get(`${this.facility}:${b.idempotencyKey}`) ?? 0) !== 1).length,
      'bookings not exactly once by idempotency key',
    );
    flag(
      'duplicated',
      [...byPatient.values()].filter((n) => n > 1).length,
      'patients with two tickets from one request',
    );
    const sameNumber = await this.query<{ n: number }>(
      'queue',
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ticket WHERE facility_code = $1
         GROUP BY poli_code, service_date, queue_number HAVING count(*) > 1) d`,
      [this.facility],
    );
    flag('duplicated', sameNumber[0]?.n ?? 0, 'queue numbers given twice in a poli and day');

    // Every state change has exactly one event. Quiet first: both outboxes drained. Then every
    // topic an outbox row names is read up to its end offsets as they are now (taken after the
    // drain), so the comparison does not depend on how long a reader was given.
    const outboxes = ['queue', 'referral'] as const;
    await timed('outboxes drained', () =>
      eventually(
        async () => {
          for (const db of outboxes) {
            const [{ n }] = await this.query<{ n: number }>(
              db,
              'SELECT count(*)::int AS n FROM outbox_event WHERE published_at IS NULL',
            );
            if (n > 0) throw new Error(`${db}: ${n} events not yet published`);
          }
        },
        180_000,
        500,
      ),
    );
    const published = (
      await Promise.all(
        outboxes.map((db) =>
          this.query<{ id: string; topic: string }>(db, 'SELECT id::text, topic FROM outbox_event'),
        ),
      )
    ).flat();
    const topics = [...new Set([Topic.QueueTickets, ...published.map((o) => o.topic)])];
    const read = new Map<string, Set<string>>();
    let ticketEnvelopes: Array<{
      id: string;
      type: string;
      key: string;
      payload: { ticketId?: string };
    }> = [];
    // Side by side: each read is a consumer group join of its own.
    await timed('topics read to their ends', () =>
      Promise.all(
        topics.map(async (topic) => {
          const envelopes = envelopesOf<{
            id: string;
            type: string;
            key: string;
            payload: { ticketId?: string };
          }>(await readTopicToEnd(this.brokers, topic));
          read.set(topic, new Set(envelopes.map((e) => e.id)));
          if (topic === (Topic.QueueTickets as string)) ticketEnvelopes = envelopes;
        }),
      ),
    );
    flag(
      'lost',
      published.filter((o) => !read.get(o.topic)?.has(o.id)).length,
      'outbox events never on Kafka',
    );
    const events = new Map<string, Set<string>>();
    for (const e of ticketEnvelopes) {
      const k = `${e.payload.ticketId}|${e.type}`;
      events.set(k, (events.get(k) ?? new Set()).add(e.id));
    }
    const history = await this.query<{ ticket_id: string; type: string; n: number }>(
      'queue',
      `SELECT ticket_id::text, type, count(*)::int AS n FROM ticket_transition
        WHERE facility_code = $1 GROUP BY ticket_id, type`,
      [this.facility],
    );
    const want = new Map<string, number>();
    for (const r of rows) want.set(`${r.id}|queue.ticket.booked`, 1);
    for (const h of history) {
      const type = TRANSITION_EVENT[h.type];
      if (type) want.set(`${h.ticket_id}|${type}`, h.n);
    }
    let missingEvents = 0;
    let extraEvents = 0;
    for (const [k, n] of want) {
      const got = events.get(k)?.size ?? 0;
      if (got < n) missingEvents += n - got;
      if (got > n) extraEvents += got - n;
    }
    flag('lost', missingEvents, 'state changes without their event');
    flag('duplicated', extraEvents, 'state changes with more than one event');

    // Every notification delivered once: one per (event, recipient, template), each message sent
    // and received by the SMS gateway.
    const bookedIds = ticketEnvelopes
      .filter((e) => e.type === 'queue.ticket.booked' && e.key === this.facility)
      .map((e) => e.id);
    await timed('notifications made and sent', () =>
      eventually(
        async () => {
          const pending = await this.query<{ n: number }>(
            'notification',
            `SELECT count(*)::int AS n FROM delivery d JOIN notification n ON n.id = d.notification_id
          WHERE n.facility_code = $1 AND d.kind = 'message' AND d.status IN ('pending', 'sending')
            AND d.not_before <= now()`,
            [this.facility],
          );
          const known = await this.query<{ event_id: string }>(
            'notification',
            'SELECT DISTINCT event_id::text FROM notification WHERE event_id = ANY($1::uuid[])',
            [bookedIds],
          );
          if (pending[0].n > 0 || known.length < bookedIds.length)
            throw new Error('notifications still being made or sent');
        },
        120_000,
        500,
      ).catch(() => undefined),
    );
    const notified = new Set(
      (
        await this.query<{ event_id: string }>(
          'notification',
          'SELECT DISTINCT event_id::text FROM notification WHERE event_id = ANY($1::uuid[])',
          [bookedIds],
        )
      ).map((r) => r.event_id),
    );
    flag(
      'lost',
      bookedIds.filter((id) => !notified.has(id)).length,
      'bookings whose patient was never notified',
    );
    const twice = await this.query<{ n: number }>(
      'notification',
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM notification WHERE facility_code = $1
         GROUP BY event_id, recipient, template HAVING count(*) > 1) d`,
      [this.facility],
    );
    flag('duplicated', twice[0]?.n ?? 0, 'notifications made twice for one event');
    // Reminders planned for later are not due yet; skipped and cancelled are the service's answer.
    const messages = await this.query<{ id: string; status: string }>(
      'notification',
      `SELECT n.id::text, d.status FROM delivery d JOIN notification n ON n.id = d.notification_id
        WHERE n.facility_code = $1 AND d.kind = 'message' AND d.not_before <= now()
          AND d.status NOT IN ('skipped', 'cancelled')`,
      [this.facility],
    );
    const received = countBy(this.sms.accepted(), (r) => r.idempotencyKey ?? '');
    flag(
      'lost',
      messages.filter((m) => m.status !== 'sent' || !received.has(m.id)).length,
      'messages not delivered',
    );
    const messagesPerNotification = countBy(messages, (m) => m.id);
    flag(
      'duplicated',
      [...messagesPerNotification.values()].filter((n) => n > 1).length,
      'notifications with two message deliveries',
    );

    // Referrals: once each, the same state in referral-service, at the hospital and in queue-service.
    const mine = load.referrals.filter((r) => r.outcome === 'accepted' && r.id);
    const acceptedIds = mine.filter((r) => r.status === 'accepted').map((r) => r.id!);
    await timed('accepted referrals scheduled', () =>
      eventually(
        async () => {
          const [{ n }] = await this.query<{ n: number }>(
            'referral',
            "SELECT count(*)::int AS n FROM referral WHERE id = ANY($1::uuid[]) AND status <> 'scheduled'",
            [acceptedIds],
          );
          if (n > 0) throw new Error(`${n} accepted referrals not scheduled yet`);
        },
        120_000,
        500,
      ).catch(() => undefined),
    );
    // Accepted at the hospital means queue-service books the visit and the referral becomes
    // scheduled: one stuck at accepted lost that step.
    const [{ n: unscheduled }] = await this.query<{ n: number }>(
      'referral',
      "SELECT count(*)::int AS n FROM referral WHERE id = ANY($1::uuid[]) AND status = 'accepted'",
      [acceptedIds],
    );
    flag('lost', unscheduled, 'accepted referrals never scheduled');
    const refs = await this.query<{ id: string; status: string; notes: string }>(
      'referral',
      "SELECT id::text, status, notes FROM referral WHERE notes LIKE 'faults-%'",
    );
    const refsByTag = countBy(refs, (r) => r.notes);
    flag('lost', mine.filter((r) => !refsByTag.has(r.tag)).length, 'accepted referrals missing');
    flag(
      'duplicated',
      load.referrals.filter((r) => (refsByTag.get(r.tag) ?? 0) > 1).length,
      'referrals created twice',
    );
    const ticketsPerReferral = countBy(
      await this.query<{ referral_id: string }>(
        'queue',
        'SELECT referral_id::text FROM ticket WHERE referral_id = ANY($1::uuid[])',
        [acceptedIds],
      ),
      (r) => r.referral_id,
    );
    flag(
      'lost',
      acceptedIds.filter((id) => !ticketsPerReferral.has(id)).length,
      'accepted referrals without a hospital ticket',
    );
    flag(
      'duplicated',
      [...ticketsPerReferral.values()].filter((n) => n > 1).length,
      'referrals with two hospital tickets',
    );
    const status = new Map(refs.map((r) => [r.id, r.status]));
    await timed('hospital caught up', () =>
      eventually(
        async () => {
          const behind = mine.filter((r) => this.hospitalState(r.id!) !== status.get(r.id!));
          if (behind.length) throw new Error(`${behind.length} referrals differ at the hospital`);
          return Promise.resolve();
        },
        60_000,
        500,
      ).catch(() => undefined),
    );
    flag(
      'lost',
      mine.filter((r) => this.hospitalState(r.id!) !== status.get(r.id!)).length,
      'referrals whose state the hospital does not know',
    );
    const hooksPerEvent = countBy(
      this.hospital.deliveries,
      (d) => (JSON.parse(d.body) as { id: string }).id,
    );
    flag(
      'duplicated',
      [...hooksPerEvent.values()].filter((n) => n > 1).length,
      'referral events delivered to the hospital twice',
    );
    return t;
  }

  /** The latest referral state the hospital learnt from its webhook. */
  private hospitalState(referralId: string): string | undefined {
    const order = ['sent', 'received', 'accepted', 'scheduled'];
    let best = -1;
    for (const d of this.hospital.deliveries) {
      if (!d.body.includes(referralId)) continue;
      best = Math.max(best, order.indexOf(d.eventType.replace(/^referral\./, '')));
    }
    return best >= 0 ? order[best] : undefined;
  }
}

function countBy<T>(items: T[], key: (t: T) => string): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}
