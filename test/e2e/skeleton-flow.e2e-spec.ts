import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Partitioners } from 'kafkajs';
import { EventHeader, Topic } from '@app/contracts';
import { buildEvent, createKafka } from '@app/messaging';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import {
  eventually,
  getJson,
  HOSPITAL,
  LiveClient,
  loginAs,
  nikFor,
  phoneFor,
  postJson,
  REPO_ROOT,
  serviceFetch,
  type ServiceName,
  type ServiceProcess,
  startStack,
  TEST_HOSPITAL,
  testStack,
  TopicReader,
  waitForConsumerGroupCaughtUp,
} from '@app/testing';

interface Ticket {
  patientAccess: { accessToken: string };
  ticketId: string;
  bookingCode: string;
  queueNumber: number;
  displayNumber: string;
  facilityCode: string;
}
interface ErrorBody {
  error: { code: string; message: string };
}
interface NotificationRow {
  eventId: string;
  body: string;
  subject: string;
}

const ports = {
  gateway: 4100,
  'queue-service': 4101,
  'referral-service': 4102,
  'notification-service': 4103,
};

/**
 * The walking skeleton end to end, on real processes: gateway → queue-service (Redis number,
 * Postgres ticket + outbox) → Kafka → notification-service and referral-service, and the gateway's
 * WebSocket push. Then the faults: a crashed consumer, and poison messages.
 */
describe('walking skeleton', () => {
  const settings = testStack(ports);
  const db = new QueueDb(settings.databaseUrls.queue);
  let stack: Record<ServiceName, ServiceProcess>;
  let tickets: TopicReader;
  let deadLetters: TopicReader;
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const notifications = `http://127.0.0.1:${ports['notification-service']}`;
  let patient = 0;

  const book = (headers: Record<string, string> = {}, body?: unknown) =>
    postJson<Ticket & ErrorBody>(
      `${gateway}/api/v1/facilities/${HOSPITAL.code}/tickets`,
      body ?? {
        poliCode: HOSPITAL.poli,
        patient: { nik: nikFor(++patient), phone: phoneFor(patient) },
      },
      headers,
    );

  const notificationsFor = async (bookingCode: string) =>
    (
      await getJson<NotificationRow[]>(
        `${notifications}/v1/notifications?subject=ticket:${bookingCode}`,
      )
    ).body;

  beforeAll(async () => {
    stack = await startStack(settings, join(REPO_ROOT, '.infra/test-logs/skeleton'));
    const put = await serviceFetch(
      `http://127.0.0.1:${ports['queue-service']}/v1/facilities/${HOSPITAL.code}`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(TEST_HOSPITAL),
      },
    );
    expect(put.status).toBe(200);
    tickets = await new TopicReader(settings.kafkaBrokers, Topic.QueueTickets).start();
    deadLetters = await new TopicReader(settings.kafkaBrokers, Topic.DeadLetter).start();
    // Earlier test files may have left a backlog on the shared broker: let the consumers catch up.
    for (const [group, topic] of [
      ['notification-service', Topic.QueueTickets],
      ['notification-service', Topic.ReferralReferrals],
      ['referral-service', Topic.QueueTickets],
    ] as const) {
      await waitForConsumerGroupCaughtUp(settings.kafkaBrokers, group, topic);
    }
  });

  afterAll(async () => {
    await tickets?.stop();
    await deadLetters?.stop();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
    await db.$disconnect();
  });

  it('every service reports its dependencies up', async () => {
    for (const name of Object.keys(ports) as ServiceName[]) {
      const health = await getJson<{ status: string; checks: Record<string, { status: string }> }>(
        `http://127.0.0.1:${ports[name]}/health`,
      );
      expect(health.status).toBe(200);
      expect(Object.values(health.body.checks).every((c) => c.status === 'up')).toBe(true);
    }
    const metrics = await serviceFetch(`${gateway}/metrics`);
    expect(await metrics.text()).toContain('http_request_duration_seconds');
  });

  it('books through the gateway; Kafka, notification-service, referral-service and a WebSocket client all see it', async () => {
    const live = await LiveClient.connect(`ws://127.0.0.1:${ports.gateway}/ws`);
    try {
      live.send('subscribe', { facilityCode: HOSPITAL.code });
      await eventually(() =>
        Promise.resolve(expect(live.received.map((m) => m.event)).toContain('subscribed')),
      );

      const correlationId = `e2e-${randomUUID()}`;
      const booked = await book({ 'x-correlation-id': correlationId });
      expect(booked.status).toBe(201);
      expect(booked.body.displayNumber).toMatch(/^ANA-\d{3}$/);
      const { bookingCode, displayNumber } = booked.body;

      // The event on Kafka: keyed by facility, with id, type and the caller's correlation id.
      const onKafka = await eventually(() => {
        const m = tickets.messages.find((x) => x.value.includes(bookingCode));
        if (!m) throw new Error('not on Kafka yet');
        return Promise.resolve(m);
      });
      expect(onKafka.key).toBe(HOSPITAL.code);
      expect(onKafka.headers[EventHeader.EventType]).toBe('queue.ticket.booked');
      expect(onKafka.headers[EventHeader.CorrelationId]).toBe(correlationId);

      // Pushed live to the browser: numbers only, no booking code or patient reference.
      const pushed = await eventually(() => {
        const m = live.received.find(
          (x) => x.event === 'queue.ticket.booked' && x.data.displayNumber === displayNumber,
        );
        if (!m) throw new Error('not pushed yet');
        return Promise.resolve(m);
      });
      expect(JSON.stringify(pushed)).not.toContain(bookingCode);
      expect(JSON.stringify(pushed)).not.toContain('patientRef');

      // notification-service recorded the confirmation, in Bahasa Indonesia.
      const [notification] = await eventually(async () => {
        const rows = await notificationsFor(bookingCode);
        expect(rows).toHaveLength(1);
        return rows;
      });
      expect(notification.body).toContain(
        `Nomor antrean Anda ${displayNumber} di Poli ${HOSPITAL.poliName}`,
      );
      expect(notification.eventId).toBe(onKafka.headers[EventHeader.EventId]);

      // referral-service's own read model of hospital load moved.
      await eventually(async () => {
        const load = await getJson<Array<{ poliCode: string; booked: number }>>(
          `http://127.0.0.1:${ports['referral-service']}/v1/hospital-load/${HOSPITAL.code}`,
        );
        expect(load.body.find((r) => r.poliCode === HOSPITAL.poli)?.booked).toBeGreaterThanOrEqual(
          1,
        );
      });
    } finally {
      live.close();
    }
  });

  it('pushes a ticket page its own steps, and a hospital desk its in-app notifications, over the WebSocket', async () => {
    const page = await LiveClient.connect(`ws://127.0.0.1:${ports.gateway}/ws`);
    const desk = await LiveClient.connect(`ws://127.0.0.1:${ports.gateway}/ws`);
    try {
      const booked = await book();
      const code = booked.body.bookingCode;
      // The booking answer carries the patient's token; the desk logs in.
      page.send('subscribe-ticket', {
        bookingCode: code,
        accessToken: booked.body.patientAccess.accessToken,
      });
      const staff = await loginAs(gateway, { role: 'desk', facilityCode: HOSPITAL.code });
      desk.send('subscribe-inbox', {
        recipient: `facility:${HOSPITAL.code}`,
        accessToken: staff.accessToken,
      });
      await eventually(() => {
        expect(page.received.map((m) => m.event)).toContain('subscribed-ticket');
        expect(desk.received.map((m) => m.event)).toContain('subscribed-inbox');
        return Promise.resolve();
      });
      // The desk checks the patient in and calls: the patient's page hears it, with the room.
      const queue = `http://127.0.0.1:${ports['queue-service']}`;
      expect((await postJson(`${queue}/v1/tickets/${code}/check-in`, {})).status).toBe(200);
      let called: { status: number; body: { bookingCode?: string } } = { status: 0, body: {} };
      for (let i = 0; i < 50 && called.body.bookingCode !== code; i++) {
        called = await postJson(
          `${queue}/v1/facilities/${HOSPITAL.code}/counters/ANA-1/call-next`,
          {},
        );
        if (called.status === 200 && called.body.bookingCode !== code) {
          await postJson(`${queue}/v1/facilities/${HOSPITAL.code}/counters/ANA-1/no-show`, {});
        }
      }
      expect(called.body.bookingCode).toBe(code);
      const onPage = await eventually(() => {
        const m = page.received.find((x) => x.event === 'queue.ticket.called');
        if (!m) throw new Error('not pushed yet');
        return Promise.resolve(m);
      });
      expect(onPage.data).toMatchObject({
        bookingCode: code,
        counter: { name: 'Poli Anak ruang 1' },
      });
      // A referral addressed to the hospital: notification-service stores an in-app message for its
      // desk and the gateway pushes it live.
      const kafka = createKafka(settings.kafkaBrokers.split(','), 'e2e-inbox');
      const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      const today = new Date().toISOString().slice(0, 10);
      const sent = buildEvent(
        'referral.sent',
        {
          referralId: randomUUID(),
          referralNumber: '332901011126P000777',
          originFacilityCode: '33290101',
          destinationFacilityCode: HOSPITAL.code,
          poliCode: 'ANA',
          patientRef: 'p_e2einboxpatient01',
          referralDate: today,
          plannedVisitDate: today,
          validUntil: today,
          serviceType: 2,
          referralType: 0,
          diagnosis: { code: 'J18.9', name: 'Pneumonia' },
          nonSpecialist: false,
          patient: { name: 'Pasien Uji' },
          referringDoctor: 'dr. Uji',
          sentAt: new Date().toISOString(),
        },
        { producer: 'e2e', correlationId: 'e2e-inbox', key: HOSPITAL.code },
      );
      await producer.send({
        topic: Topic.ReferralReferrals,
        messages: [{ key: HOSPITAL.code, value: JSON.stringify(sent) }],
      });
      await producer.disconnect();
      const pushed = await eventually(() => {
        const m = desk.received.find((x) => x.event === 'notification');
        if (!m) throw new Error('not pushed yet');
        return Promise.resolve(m);
      }, 30_000);
      expect(JSON.stringify(pushed.data)).toContain('332901011126P000777');
    } finally {
      page.close();
      desk.close();
    }
  });

  it('returns the same ticket for a repeated Idempotency-Key, and refuses the key for another booking', async () => {
    const key = `idem-${randomUUID()}`;
    const body = {
      poliCode: HOSPITAL.poli,
      patient: { nik: nikFor(++patient), phone: phoneFor(patient) },
    };
    const first = await book({ 'idempotency-key': key }, body);
    const again = await book({ 'idempotency-key': key }, body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(200);
    expect(again.body.bookingCode).toBe(first.body.bookingCode);
    // The replay reads the stored row; the first answer was built from what was written: the same
    // ticket. Only the patient's access token is minted anew for each answer.
    const { patientAccess: firstAccess, ...firstTicket } = first.body;
    const { patientAccess: againAccess, ...againTicket } = again.body;
    expect(againTicket).toEqual(firstTicket);
    expect([typeof firstAccess, typeof againAccess]).toEqual(['object', 'object']);
    const other = await book(
      { 'idempotency-key': key },
      { ...body, patient: { nik: nikFor(++patient), phone: phoneFor(patient) } },
    );
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('QUEUE.IDEMPOTENCY_KEY_REUSED');
    expect(await db.ticket.count({ where: { idempotencyKey: `${HOSPITAL.code}:${key}` } })).toBe(1);
  });

  it('answers bad input with a clear 4xx and a stable code, and changes nothing', async () => {
    const tomorrowPlusHorizon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const cases: Array<{
      name: string;
      path?: string;
      body: unknown;
      headers?: Record<string, string>;
      status: number;
      code: string;
    }> = [
      {
        name: 'NIK too short',
        body: { poliCode: 'ANA', patient: { nik: '123' } },
        status: 400,
        code: 'COMMON.VALIDATION_FAILED',
      },
      {
        name: 'unknown field',
        body: { poliCode: 'ANA', patient: { nik: nikFor(1), phone: phoneFor(1) }, admin: true },
        status: 400,
        code: 'COMMON.VALIDATION_FAILED',
      },
      {
        name: 'no identifier',
        body: { poliCode: 'ANA', patient: {} },
        status: 400,
        code: 'QUEUE.PATIENT_IDENTIFIER_MISSING',
      },
      {
        name: 'bad poli code',
        body: { poliCode: 'anak', patient: { nik: nikFor(1), phone: phoneFor(1) } },
        status: 400,
        code: 'COMMON.VALIDATION_FAILED',
      },
      {
        name: 'poli not at facility',
        body: { poliCode: 'GIG', patient: { nik: nikFor(1), phone: phoneFor(1) } },
        status: 404,
        code: 'QUEUE.POLI_NOT_FOUND',
      },
      {
        name: 'unknown facility',
        path: '9999R999',
        body: { poliCode: 'ANA', patient: { nik: nikFor(1), phone: phoneFor(1) } },
        status: 404,
        code: 'QUEUE.FACILITY_NOT_FOUND',
      },
      {
        name: 'malformed facility code',
        path: 'x',
        body: { poliCode: 'ANA', patient: { nik: nikFor(1), phone: phoneFor(1) } },
        status: 400,
        code: 'COMMON.VALIDATION_FAILED',
      },
      {
        name: 'date in the past',
        body: {
          poliCode: 'ANA',
          serviceDate: '2020-01-01',
          patient: { nik: nikFor(1), phone: phoneFor(1) },
        },
        status: 422,
        code: 'QUEUE.DATE_IN_PAST',
      },
      {
        name: 'beyond horizon',
        body: {
          poliCode: 'ANA',
          serviceDate: tomorrowPlusHorizon,
          patient: { nik: nikFor(1), phone: phoneFor(1) },
        },
        status: 422,
        code: 'QUEUE.DATE_BEYOND_HORIZON',
      },
      {
        name: 'bad idempotency key',
        body: { poliCode: 'ANA', patient: { nik: nikFor(1), phone: phoneFor(1) } },
        headers: { 'idempotency-key': 'x' },
        status: 400,
        code: 'QUEUE.IDEMPOTENCY_KEY_INVALID',
      },
      { name: 'not JSON', body: '{"poliCode":', status: 400, code: 'COMMON.VALIDATION_FAILED' },
      {
        name: 'oversized body',
        body: {
          poliCode: 'ANA',
          patient: { nik: nikFor(1), phone: phoneFor(1) },
          pad: 'x'.repeat(100_000),
        },
        status: 413,
        code: 'COMMON.PAYLOAD_TOO_LARGE',
      },
    ];
    const ticketsBefore = await db.ticket.count();
    const eventsBefore = await db.outboxEvent.count();
    for (const c of cases) {
      const res = await postJson<ErrorBody>(
        `${gateway}/api/v1/facilities/${c.path ?? HOSPITAL.code}/tickets`,
        c.body,
        c.headers,
      );
      expect({ name: c.name, status: res.status, code: res.body?.error?.code }).toEqual({
        name: c.name,
        status: c.status,
        code: c.code,
      });
      expect(res.body.error.message.length).toBeGreaterThan(5);
    }
    expect(await db.ticket.count()).toBe(ticketsBefore);
    expect(await db.outboxEvent.count()).toBe(eventsBefore);
  });

  it('notification-service killed during the flow and restarted delivers every pending event exactly once', async () => {
    const first = await Promise.all(Array.from({ length: 10 }, () => book()));
    // Crash it while it is consuming the first wave.
    await eventually(
      async () => expect((await notificationsFor(first[0].body.bookingCode)).length).toBe(1),
      20_000,
      20,
    );
    await stack['notification-service'].kill();
    const whileDown = await Promise.all(Array.from({ length: 10 }, () => book()));
    const all = [...first, ...whileDown];
    expect(all.every((r) => r.status === 201)).toBe(true);

    await stack['notification-service'].start().waitReady();
    for (const r of all) {
      await eventually(async () =>
        expect(await notificationsFor(r.body.bookingCode)).toHaveLength(1),
      );
    }
    // Give a late redelivery time to show itself, then check again: still exactly one each.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const r of all) expect(await notificationsFor(r.body.bookingCode)).toHaveLength(1);
  });

  it('sends invalid events to the dead-letter topic with the reason, and keeps consuming', async () => {
    const kafka = createKafka(settings.kafkaBrokers.split(','), 'e2e-poison');
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const poisonId = randomUUID();
    const futureId = randomUUID();
    const envelope = (id: string, version: number, payload: unknown) =>
      JSON.stringify({
        id,
        type: 'queue.ticket.booked',
        version,
        occurredAt: new Date().toISOString(),
        producer: 'e2e',
        correlationId: 'e2e-poison',
        key: HOSPITAL.code,
        payload,
      });
    await producer.send({
      topic: Topic.QueueTickets,
      messages: [
        { key: HOSPITAL.code, value: 'this is not json' },
        { key: HOSPITAL.code, value: envelope(poisonId, 1, { bookingCode: 'X' }) },
        { key: HOSPITAL.code, value: envelope(futureId, 99, {}) },
      ],
    });
    await producer.disconnect();
    const after = await book();
    expect(after.status).toBe(201);

    const lettersOf = (consumer: string) =>
      deadLetters.messages
        .map(
          (m) =>
            JSON.parse(m.value) as {
              consumer: string;
              reason: string;
              eventId: string | null;
              detail: string;
            },
        )
        .filter((l) => l.consumer === consumer);
    await eventually(() => {
      const reasons = lettersOf('notification-service').map((l) => l.reason);
      expect(reasons).toEqual(
        expect.arrayContaining(['unparseable', 'invalid-payload', 'unsupported-version']),
      );
      return Promise.resolve();
    });
    const invalid = lettersOf('notification-service').find(
      (l) => l.eventId === null && l.reason === 'invalid-payload',
    );
    expect(invalid?.detail).toMatch(/ticketId/);
    // The consumer went on: the booking after the poison was processed.
    await eventually(async () =>
      expect(await notificationsFor(after.body.bookingCode)).toHaveLength(1),
    );
    // And the gateway's and referral-service's consumers dead-lettered the same poison independently.
    await eventually(() => {
      expect(lettersOf('gateway-live').length).toBeGreaterThanOrEqual(3);
      expect(lettersOf('referral-service').length).toBeGreaterThanOrEqual(3);
      return Promise.resolve();
    });
  });
});
