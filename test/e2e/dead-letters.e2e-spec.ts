import { randomInt, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Partitioners, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { MAX_EVENT_BYTES, Topic, type DeadLetter } from '@app/contracts';
import { pgPoolConfigFromUrl } from '@app/database';
import { buildEvent, createKafka, OVERSIZED_EXCERPT_BYTES } from '@app/messaging';
import {
  eventually,
  type FaultRow,
  getJson,
  phoneFor,
  postJson,
  recordFaultResults,
  REPO_ROOT,
  serviceFetch,
  type ServiceProcess,
  startStack,
  TEST_HOSPITAL,
  testStack,
  TopicReader,
  waitForConsumerGroupCaughtUp,
} from '@app/testing';

const ports = {
  'queue-service': 5500,
  'referral-service': 5501,
  'notification-service': 5502,
  gateway: 5503,
};
const F = '9908R001';
const ORIGIN = '9908R002';
type Consumer = 'queue-service' | 'referral-service' | 'notification-service';
const CONSUMERS: readonly Consumer[] = [
  'queue-service',
  'referral-service',
  'notification-service',
];
/** Which of the three consumers read which topic. */
const READERS: Record<string, readonly Consumer[]> = {
  [Topic.QueueTickets]: ['referral-service', 'notification-service'],
  [Topic.ReferralReferrals]: ['queue-service', 'notification-service'],
};

/** The bad messages, by the reason each must be dead-lettered with. */
function poison(
  type: string,
  marker: string,
): Array<{ reason: DeadLetter['reason']; value: string }> {
  const envelope = (over: Record<string, unknown>) =>
    JSON.stringify({
      id: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'e2e-dead-letters',
      correlationId: marker,
      key: F,
      payload: {},
      ...over,
    });
  return [
    { reason: 'unparseable', value: `not json ${marker}` },
    { reason: 'invalid-envelope', value: JSON.stringify({ hello: marker }) },
    { reason: 'unknown-event-type', value: envelope({ type: 'queue.ticket.teleported' }) },
    // A newer producer's schema version reaching this older consumer.
    { reason: 'unsupported-version', value: envelope({ version: 2, payload: { marker } }) },
    { reason: 'invalid-payload', value: envelope({ payload: { marker } }) },
    {
      reason: 'oversized',
      value: envelope({ payload: { marker, pad: 'x'.repeat(MAX_EVENT_BYTES) } }),
    },
  ];
}

/**
 * Messages no consumer can take, on real Kafka with real queue-, referral- and
 * notification-service processes: each goes to the dead-letter topic once per consumer with its
 * reason, and the valid event right behind it on the same partition still takes effect.
 */
describe('dead letters', () => {
  const settings = testStack(ports);
  let stack: Record<Consumer, ServiceProcess>;
  let letters: TopicReader;
  let producer: Producer;
  const dbs = {} as Record<Consumer, Client>;
  const rows: FaultRow[] = [];
  const queue = `http://127.0.0.1:${ports['queue-service']}`;
  const notifications = `http://127.0.0.1:${ports['notification-service']}`;

  const processed = async (consumer: Consumer, eventId: string) =>
    Number(
      (
        await dbs[consumer].query<{ n: string }>(
          'SELECT count(*) AS n FROM processed_event WHERE consumer = $1 AND event_id = $2::uuid',
          [consumer, eventId],
        )
      ).rows[0].n,
    );
  const lettersFor = (topic: string, marker: string) =>
    letters.messages
      .map((m) => JSON.parse(m.value) as DeadLetter)
      .filter((l) => l.sourceTopic === topic && l.key === F && l.value.includes(marker));

  beforeAll(async () => {
    stack = await startStack(settings, join(REPO_ROOT, '.infra/test-logs/dead-letters'), CONSUMERS);
    const urls = settings.databaseUrls;
    for (const [name, url] of [
      ['queue-service', urls.queue],
      ['referral-service', urls.referral],
      ['notification-service', urls.notification],
    ] as const) {
      dbs[name] = new Client(pgPoolConfigFromUrl(url));
      await dbs[name].connect();
    }
    const put = await serviceFetch(`${queue}/v1/facilities/${F}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_HOSPITAL),
    });
    expect(put.status).toBe(200);
    letters = await new TopicReader(settings.kafkaBrokers, Topic.DeadLetter).start();
    producer = createKafka(settings.kafkaBrokers.split(','), 'e2e-dead-letters').producer({
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    // Earlier test files may have left a backlog on the shared broker: let the consumers catch up.
    for (const [topic, readers] of Object.entries(READERS))
      for (const group of readers)
        await waitForConsumerGroupCaughtUp(settings.kafkaBrokers, group, topic);
  });

  afterAll(async () => {
    await producer?.disconnect();
    await letters?.stop();
    await Promise.all(Object.values(dbs).map((c) => c.end()));
    await Promise.all(Object.values<ServiceProcess>(stack ?? {}).map((p) => p.stop()));
    recordFaultResults('dead-letters', rows);
  });

  it('queue events: every bad message is dead-lettered once per consumer with its reason, and the booking behind them still takes effect', async () => {
    const marker = `dl-${randomUUID()}`;
    const bad = poison('queue.ticket.booked', marker);
    await producer.send({
      topic: Topic.QueueTickets,
      acks: -1,
      messages: bad.map((p) => ({ key: F, value: p.value })),
    });
    // The valid event behind them: a real booking, keyed by the same facility (same partition).
    const booked = await postJson<{ bookingCode: string; ticketId: string }>(
      `${queue}/v1/facilities/${F}/tickets`,
      {
        poliCode: 'ANA',
        patient: { nik: `3329${randomInt(1e11, 1e12 - 1)}`, phone: phoneFor(randomInt(1e7)) },
      },
    );
    expect(booked.status).toBe(201);
    const eventId = await eventually(async () => {
      const { rows: r } = await dbs['queue-service'].query<{ id: string }>(
        `SELECT id FROM outbox_event WHERE type = 'queue.ticket.booked' AND envelope->'payload'->>'bookingCode' = $1`,
        [booked.body.bookingCode],
      );
      if (!r[0]) throw new Error('no outbox row yet');
      return r[0].id;
    });
    for (const consumer of READERS[Topic.QueueTickets])
      await eventually(async () => expect(await processed(consumer, eventId)).toBe(1), 60_000);
    await eventually(async () => {
      const list = await getJson<unknown[]>(
        `${notifications}/v1/notifications?subject=ticket:${booked.body.bookingCode}`,
      );
      expect(list.body).toHaveLength(1);
    });

    const found = await eventually(() =>
      Promise.resolve(expectLetters(Topic.QueueTickets, marker, bad)),
    );
    rows.push(...faultRows(Topic.QueueTickets, bad, found));
  });

  it('referral events: the same for queue-service and notification-service, and the events behind still take effect', async () => {
    const marker = `dl-${randomUUID()}`;
    const bad = poison('referral.cancelled', marker);
    await producer.send({
      topic: Topic.ReferralReferrals,
      acks: -1,
      messages: bad.map((p) => ({ key: F, value: p.value })),
    });
    const ctx = { producer: 'e2e-dead-letters', correlationId: marker, key: F };
    const now = new Date().toISOString();
    const today = now.slice(0, 10);
    const ref = {
      referralId: randomUUID(),
      referralNumber: `${ORIGIN}1126P${String(randomInt(1e6)).padStart(6, '0')}`,
      originFacilityCode: ORIGIN,
      destinationFacilityCode: F,
      poliCode: 'ANA',
      patientRef: `p_deadletters${randomInt(1e6)}`,
    };
    // queue-service acts on referral.cancelled; notification-service on referral.sent.
    const sent = buildEvent(
      'referral.sent',
      {
        ...ref,
        referralDate: today,
        plannedVisitDate: today,
        validUntil: today,
        serviceType: 2,
        referralType: 0,
        diagnosis: { code: 'J18.9', name: 'Pneumonia' },
        nonSpecialist: false,
        patient: { name: 'Pasien Uji' },
        referringDoctor: 'dr. Uji',
        sentAt: now,
      },
      ctx,
    );
    const cancelled = buildEvent('referral.cancelled', { ...ref, reason: marker, at: now }, ctx);
    await producer.send({
      topic: Topic.ReferralReferrals,
      acks: -1,
      messages: [sent, cancelled].map((e) => ({ key: F, value: JSON.stringify(e) })),
    });
    await eventually(async () => expect(await processed('queue-service', cancelled.id)).toBe(1));
    await eventually(async () => expect(await processed('notification-service', sent.id)).toBe(1));

    const found = await eventually(() =>
      Promise.resolve(expectLetters(Topic.ReferralReferrals, marker, bad)),
    );
    rows.push(...faultRows(Topic.ReferralReferrals, bad, found));
  });

  /** Exactly one letter per bad message and consumer, with the expected reason; excerpts only. */
  function expectLetters(
    topic: string,
    marker: string,
    bad: ReturnType<typeof poison>,
  ): DeadLetter[] {
    const readers = READERS[topic];
    // Published before the consumer moved on; this file's reader may still be catching up.
    const found = lettersFor(topic, marker);
    const count = (c: Consumer, r: string) =>
      found.filter((l) => l.consumer === c && l.reason === r).length;
    expect(
      readers.flatMap((c) => bad.map((b) => `${c}:${b.reason}:${count(c, b.reason)}`)),
    ).toEqual(readers.flatMap((c) => bad.map((b) => `${c}:${b.reason}:1`)));
    expect(found).toHaveLength(readers.length * bad.length);
    for (const l of found.filter((x) => x.reason === 'oversized')) {
      expect(l.value.length).toBeLessThanOrEqual(OVERSIZED_EXCERPT_BYTES);
      expect(l.detail).toContain(`limit is ${MAX_EVENT_BYTES}`);
    }
    const version = found.find((l) => l.reason === 'unsupported-version');
    expect(version?.detail).toMatch(/version 2 is not supported/);
    return found;
  }

  function faultRows(
    topic: string,
    bad: ReturnType<typeof poison>,
    found: DeadLetter[],
  ): FaultRow[] {
    const readers = READERS[topic];
    const label: Partial<Record<DeadLetter['reason'], string>> = {
      'unsupported-version': 'newer schema version',
      oversized: 'oversized message',
    };
    const groups = new Map<string, Array<(typeof bad)[number]>>();
    for (const b of bad) {
      const name = label[b.reason] ?? 'poison message';
      groups.set(name, [...(groups.get(name) ?? []), b]);
    }
    return [...groups].map(([name, list]) => {
      const letters = found.filter((l) => list.some((b) => b.reason === l.reason));
      const expected = list.length * readers.length;
      return {
        fault: `${name} on ${topic}`,
        // Each bad message once per consumer: accepted means dead-lettered with its reason.
        requests: expected,
        accepted: letters.length,
        lost: Math.max(0, expected - letters.length),
        duplicated: Math.max(0, letters.length - expected),
        notes: `${list.map((b) => b.reason).join(', ')} → dead-letter topic, ${readers.join(' and ')} handled the valid events behind them`,
      };
    });
  }
});
