import { join } from 'node:path';
import Redis from 'ioredis';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import {
  cardNumberFor,
  nikFor,
  QueueClient,
  REPO_ROOT,
  ServiceProcess,
  TEST_HOSPITAL,
  TEST_REDIS_URL,
  testStack,
} from '@app/testing';

const ports = {
  gateway: 4290,
  'queue-service': 4291,
  'referral-service': 4292,
  'notification-service': 4293,
};
// A facility of this file's own: other test files book at the shared test hospital.
const F = '9903R001';

/** Numbering, quota and calling under concurrency, against a real queue-service, Redis and Postgres. */
describe('queue-service under concurrency', () => {
  const settings = testStack(ports);
  // Bursts of 1,000 at once test numbering and quota, not admission: no in-flight bound here.
  const queue = new ServiceProcess(
    'queue-service',
    settings,
    join(REPO_ROOT, '.infra/test-logs/concurrency-queue.log'),
    { BOOKING_MAX_IN_FLIGHT: '0' },
  );
  const db = new QueueDb(settings.databaseUrls.queue);
  const api = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);

  beforeAll(async () => {
    await queue.start().waitReady();
    await api.putFacility(F, TEST_HOSPITAL);
  });

  afterAll(async () => {
    await queue.stop();
    await db.$disconnect();
  });

  it('gives 500 concurrent bookings for one poli 500 distinct consecutive numbers, none lost', async () => {
    const answers = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        api.book(F, { poliCode: 'INT', patient: { nik: nikFor(100_000 + i) }, source: 'kiosk' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(500).fill(201));
    expect(answers.map((a) => a.body.queueNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 500 }, (_, i) => i + 1),
    );
    expect(new Set(answers.map((a) => a.body.bookingCode)).size).toBe(500);
    expect(answers[0].body.displayNumber).toMatch(/^INT-\d{3}$/);
    // Every accepted booking is stored once, each with exactly one booked event in the outbox.
    expect(await db.ticket.count({ where: { facilityCode: F, poliCode: 'INT' } })).toBe(500);
    expect(await db.outboxEvent.count({ where: { type: 'queue.ticket.booked', key: F } })).toBe(
      500,
    );
  });

  it('continues numbering without reuse after Redis loses its data', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    const answers = await Promise.all(
      [1000, 1001, 1002].map((i) =>
        api.book(F, { poliCode: 'INT', patient: { nik: nikFor(100_000 + i) }, source: 'kiosk' }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.body.queueNumber).sort((a, b) => a - b)).toEqual([501, 502, 503]);
  });

  it('lets exactly 600 of 1,000 concurrent bookings through a quota of 600, with consecutive numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        api.book(F, {
          poliCode: 'OBG',
          patient: { cardNumber: cardNumberFor(200_000 + i) },
          source: 'desk',
        }),
      ),
    );
    const ok = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status !== 201);
    expect(ok).toHaveLength(600);
    expect(ok.map((a) => a.body.queueNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 600 }, (_, i) => i + 1),
    );
    expect(refused).toHaveLength(400);
    expect(new Set(refused.map((a) => `${a.status} ${a.body.error?.code}`))).toEqual(
      new Set(['409 QUEUE.QUOTA_EXHAUSTED']),
    );
    expect(refused[0].body.error?.message).toMatch(/Kuota JKN/);
    expect(await db.ticket.count({ where: { facilityCode: F, poliCode: 'OBG' } })).toBe(600);
  });

  it('never gives two counters the same ticket when they call at once', async () => {
    const booked = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        api.book(F, { poliCode: 'ANA', patient: { nik: nikFor(300_000 + i) }, source: 'kiosk' }),
      ),
    );
    for (const b of booked)
      expect((await api.ticketOp(b.body.bookingCode, 'check-in')).status).toBe(200);
    const seen: string[] = [];
    for (let round = 0; round < 15; round++) {
      const [one, two] = await Promise.all([
        api.counterOp(F, 'ANA-1', 'call-next'),
        api.counterOp(F, 'ANA-2', 'call-next'),
      ]);
      expect([one.status, two.status]).toEqual([200, 200]);
      expect(one.body.ticketId).not.toBe(two.body.ticketId);
      seen.push(one.body.ticketId, two.body.ticketId);
      await Promise.all([
        api
          .counterOp(F, 'ANA-1', 'start')
          .then(() => api.counterOp(F, 'ANA-1', 'finish', { next: 'done' })),
        api
          .counterOp(F, 'ANA-2', 'start')
          .then(() => api.counterOp(F, 'ANA-2', 'finish', { next: 'done' })),
      ]);
    }
    expect(new Set(seen).size).toBe(30);
    const empty = await api.counterOp(F, 'ANA-1', 'call-next');
    expect([empty.status, empty.body.error?.code]).toEqual([404, 'QUEUE.QUEUE_EMPTY']);
  });

  it('refuses a second call from a counter that still has a patient called', async () => {
    const b = await api.book(F, {
      poliCode: 'SAR',
      patient: { nik: nikFor(400_000) },
      source: 'desk',
    });
    const b2 = await api.book(F, {
      poliCode: 'SAR',
      patient: { nik: nikFor(400_001) },
      source: 'desk',
    });
    await api.ticketOp(b.body.bookingCode, 'check-in');
    await api.ticketOp(b2.body.bookingCode, 'check-in');
    const [first, second] = await Promise.all([
      api.counterOp(F, 'SAR-1', 'call-next'),
      api.counterOp(F, 'SAR-1', 'call-next'),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first.body.error?.code, second.body.error?.code]).toContain('QUEUE.COUNTER_BUSY');
  });
});
