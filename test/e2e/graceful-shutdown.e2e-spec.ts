import { randomInt, randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { Partitioners, type Admin, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { Topic } from '@app/contracts';
import { pgPoolConfigFromUrl } from '@app/database';
import { buildEvent, createKafka } from '@app/messaging';
import {
  eventually,
  type FaultRow,
  phoneFor,
  recordFaultResults,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  TEST_HOSPITAL,
  testStack,
  TopicReader,
  waitForConsumerGroupCaughtUp,
  withServiceToken,
} from '@app/testing';

const ports = {
  'queue-service': 5520,
  'referral-service': 5521,
  'notification-service': 5522,
  gateway: 5523,
};
const BOOKING_FACILITY = '9908R003';
const EVENT_FACILITY = '9908R004';
const LOGS = join(REPO_ROOT, '.infra/test-logs/graceful-shutdown');
/** How long a service may take to drain and exit after SIGTERM before it is killed. */
const GRACE_MS = 20_000;

interface Outcome {
  startedBeforeSignal: boolean;
  /** Started before SIGTERM and answered after it: drained, not cut. */
  drained?: boolean;
  status?: number;
  bookingCode?: string;
  /** A connection-level failure (refused, reset before any answer). */
  error?: string;
}

/** One booking on its own connection (no keep-alive), so each request is one accepted socket. */
function book(port: number, nik: string, phone: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify({ poliCode: 'INT', patient: { nik, phone } });
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v1/facilities/${BOOKING_FACILITY}/tickets`,
        agent: false,
        headers: withServiceToken(`http://127.0.0.1:${port}`, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(payload)),
        }),
        timeout: 30_000,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * SIGTERM is a normal day for a service (deploys, scaling down): on real processes, queue-service
 * stopped with bookings in flight answers every request it accepted and loses none, and
 * notification-service stopped mid-stream commits what it handled, so after a restart every event
 * is handled exactly once.
 */
describe('graceful shutdown', () => {
  const settings = testStack(ports);
  const rows: FaultRow[] = [];
  let queueDb: Client;
  let notificationDb: Client;
  let admin: Admin;
  let producer: Producer;

  beforeAll(async () => {
    queueDb = new Client(pgPoolConfigFromUrl(settings.databaseUrls.queue));
    notificationDb = new Client(pgPoolConfigFromUrl(settings.databaseUrls.notification));
    await queueDb.connect();
    await notificationDb.connect();
    const kafka = createKafka(settings.kafkaBrokers.split(','), 'e2e-graceful');
    admin = kafka.admin();
    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await admin.connect();
    await producer.connect();
  });

  afterAll(async () => {
    await producer?.disconnect();
    await admin?.disconnect();
    await queueDb?.end();
    await notificationDb?.end();
    recordFaultResults('graceful-shutdown', rows);
  });

  it('queue-service answers every booking it accepted before SIGTERM, loses none, publishes each once, and exits 0', async () => {
    const queue = new ServiceProcess('queue-service', settings, join(LOGS, 'queue-service.log'));
    await queue.start().waitReady();
    const put = await serviceFetch(`${queue.url}/v1/facilities/${BOOKING_FACILITY}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_HOSPITAL),
    });
    expect(put.status).toBe(200);
    const tickets = await new TopicReader(settings.kafkaBrokers, Topic.QueueTickets).start();
    try {
      await sigtermWithBookingsInFlight(queue, tickets);
    } finally {
      await tickets.stop();
      await queue.stop();
    }
  });

  async function sigtermWithBookingsInFlight(queue: ServiceProcess, tickets: TopicReader) {
    const outcomes: Outcome[] = [];
    let signalled = false;
    let closed = false;
    const nikBase = randomInt(1e10, 9e10);
    let n = 0;
    const worker = async () => {
      while (!closed) {
        const i = n++;
        const o: Outcome = { startedBeforeSignal: !signalled };
        outcomes.push(o);
        try {
          const res = await book(
            ports['queue-service'],
            `33290${nikBase + i}`,
            phoneFor(900_000 + i),
          );
          o.status = res.status;
          o.drained = o.startedBeforeSignal && signalled;
          if (res.status === 201)
            o.bookingCode = (JSON.parse(res.body) as { bookingCode: string }).bookingCode;
        } catch (e) {
          o.error = `${(e as NodeJS.ErrnoException).code ?? ''} ${(e as Error).message}`;
          if (signalled && /ECONNREFUSED/.test(o.error)) closed = true;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await eventually(
      () =>
        Promise.resolve(
          expect(outcomes.filter((o) => o.status === 201).length).toBeGreaterThan(20),
        ),
      60_000,
      20,
    );
    const inFlightAtSignal = outcomes.filter((o) => !o.status && !o.error).length;
    signalled = true;
    const stopped = Date.now();
    const exitCode = await queue.stop(GRACE_MS);
    const tookMs = Date.now() - stopped;
    closed = true;
    await Promise.all(workers);

    expect(exitCode).toBe(0);
    const drained = outcomes.filter((o) => o.drained && o.status === 201).length;
    expect(drained).toBeGreaterThan(0);
    const answered = outcomes.filter((o) => o.bookingCode).map((o) => o.bookingCode as string);
    const { rows: inDb } = await queueDb.query<{ booking_code: string }>(
      'SELECT booking_code FROM ticket WHERE facility_code = $1',
      [BOOKING_FACILITY],
    );
    const stored = new Set(inDb.map((r) => r.booking_code));
    // Every 201 exists, and nothing exists that was not answered: no work was cut off mid-request.
    expect(answered.filter((c) => !stored.has(c))).toEqual([]);
    expect(inDb.length).toBe(answered.length);
    // Every answer was whole (no response cut off part way: 'aborted'), and the only other
    // outcomes are connections the server never took: refused after it stopped listening, or
    // reset while still in the kernel's accept queue when it did — those left no trace (above).
    expect(
      outcomes.filter((o) => o.error && !/ECONNREFUSED|ECONNRESET|socket hang up/.test(o.error)),
    ).toEqual([]);
    expect(outcomes.filter((o) => o.status && o.status !== 201 && o.status !== 503)).toEqual([]);
    const notTaken = outcomes.filter((o) => o.error);

    // Started again, its outbox relay publishes whatever was left: each booking exactly once.
    await queue.start().waitReady();
    await eventually(() => {
      const booked = tickets
        .envelopes<{ id: string; type: string; key: string; payload: { bookingCode: string } }>()
        .filter((e) => e.key === BOOKING_FACILITY && e.type === 'queue.ticket.booked');
      expect(new Set(booked.map((e) => e.payload.bookingCode))).toEqual(stored);
      expect(booked.length).toBe(stored.size);
      return Promise.resolve();
    }, 60_000);
    // Late duplicates would show up after a moment: none do.
    await new Promise((r) => setTimeout(r, 1_500));
    const again = tickets
      .envelopes<{ type: string; key: string }>()
      .filter((e) => e.key === BOOKING_FACILITY && e.type === 'queue.ticket.booked');
    expect(again.length).toBe(stored.size);
    rows.push({
      fault: 'SIGTERM queue-service with in-flight bookings',
      requests: outcomes.length,
      accepted: answered.length,
      lost: answered.filter((c) => !stored.has(c)).length,
      duplicated: Math.max(0, inDb.length - answered.length),
      notes:
        `${inFlightAtSignal} in flight at the signal, ${drained} of them answered 201 while draining; exit ${exitCode} after ${tookMs} ms; ` +
        `${notTaken.length} connections not taken (${notTaken.filter((o) => o.startedBeforeSignal).length} opened before the signal, still queued), none with an effect; each booking published once`,
    });
  }

  it('notification-service stopped mid-stream commits what it handled; after a restart every event is handled exactly once', async () => {
    const notification = new ServiceProcess(
      'notification-service',
      settings,
      join(LOGS, 'notification-service.log'),
    );
    await notification.start().waitReady();
    await waitForConsumerGroupCaughtUp(
      settings.kafkaBrokers,
      'notification-service',
      Topic.QueueTickets,
    );

    const total = 120;
    const today = new Date().toISOString().slice(0, 10);
    const events = Array.from({ length: total }, (_, i) =>
      buildEvent(
        'queue.ticket.booked',
        {
          ticketId: randomUUID(),
          bookingCode: `GS${String(randomInt(1e9)).padStart(9, '0')}${i % 10}`,
          facilityCode: EVENT_FACILITY,
          poliCode: 'INT',
          poliName: 'Penyakit Dalam',
          serviceDate: today,
          queueNumber: i + 1,
          displayNumber: `INT-${String(i + 1).padStart(3, '0')}`,
          patientRef: `p_graceful${randomUUID().slice(0, 8)}`,
          source: 'online',
          bookedAt: new Date().toISOString(),
          contact: { phone: phoneFor(800_000 + i), locale: 'id' },
        },
        { producer: 'e2e-graceful', correlationId: `graceful-${i}`, key: EVENT_FACILITY },
      ),
    );
    // One key, so one partition, in order: offsets are consecutive from the first one.
    const offsetOf = new Map<string, number>();
    const sendChunk = async (chunk: typeof events) => {
      const [meta] = await producer.send({
        topic: Topic.QueueTickets,
        acks: -1,
        messages: chunk.map((e) => ({ key: EVENT_FACILITY, value: JSON.stringify(e) })),
      });
      chunk.forEach((e, i) => offsetOf.set(e.id, Number(meta.baseOffset) + i));
      return meta.partition;
    };
    const handled = async () => {
      const { rows: r } = await notificationDb.query<{ event_id: string }>(
        `SELECT event_id FROM processed_event WHERE consumer = 'notification-service' AND event_id = ANY($1::uuid[])`,
        [events.map((e) => e.id)],
      );
      return r.map((x) => x.event_id);
    };

    let partition = -1;
    for (let i = 0; i < total; i += 50) partition = await sendChunk(events.slice(i, i + 50));
    // SIGTERM while it is part way through the stream.
    await eventually(
      async () => expect((await handled()).length).toBeGreaterThan(total / 6),
      60_000,
      20,
    );
    const exitCode = await notification.stop(GRACE_MS);
    expect(exitCode).toBe(0);

    const handledAtStop = await handled();
    const lastHandled = Math.max(...handledAtStop.map((id) => offsetOf.get(id) ?? -1));
    const [committed] = await admin.fetchOffsets({
      groupId: 'notification-service',
      topics: [Topic.QueueTickets],
    });
    const committedOffset = Number(
      committed.partitions.find((p) => p.partition === partition)?.offset ?? -1,
    );
    // Everything handled was committed at shutdown: nothing it did will be delivered again.
    expect(committedOffset).toBeGreaterThanOrEqual(lastHandled + 1);
    const stillToDo = total - handledAtStop.length;

    await notification.start().waitReady();
    try {
      await eventually(async () => expect((await handled()).length).toBe(total), 90_000);
      await waitForConsumerGroupCaughtUp(
        settings.kafkaBrokers,
        'notification-service',
        Topic.QueueTickets,
      );
      const { rows: perTicket } = await notificationDb.query<{ subject: string; n: string }>(
        `SELECT subject, count(*) AS n FROM notification
          WHERE facility_code = $1 AND event_id = ANY($2::uuid[]) GROUP BY subject`,
        [EVENT_FACILITY, events.map((e) => e.id)],
      );
      const counts = new Map(perTicket.map((r) => [r.subject, Number(r.n)]));
      const kinds = new Set(perTicket.map((r) => Number(r.n)));
      // Every booking got its notification(s), each the same number of times: none twice.
      expect(counts.size).toBe(total);
      expect([...kinds]).toHaveLength(1);
      rows.push({
        fault: 'SIGTERM notification-service mid-stream',
        requests: total,
        accepted: counts.size,
        lost: total - counts.size,
        duplicated: [...counts.values()].filter((c) => c > Math.min(...counts.values())).length,
        notes: `stopped after ${handledAtStop.length} handled, exit ${exitCode}; committed offset ${committedOffset} ≥ last handled ${lastHandled} + 1; ${stillToDo} handled after restart`,
      });
    } finally {
      await notification.stop();
    }
  });
});
