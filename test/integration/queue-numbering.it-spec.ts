import { join } from 'node:path';
import Redis from 'ioredis';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import { BREBES_FACILITIES } from '../../apps/queue-service/src/facilities/demo/brebes';
import { upsertFacilities } from '../../apps/queue-service/src/facilities/upsert-facilities';
import {
  nikFor,
  postJson,
  REPO_ROOT,
  SECOND_HOSPITAL,
  ServiceProcess,
  TEST_REDIS_URL,
  testStack,
} from '@app/testing';

interface Ticket {
  bookingCode: string;
  queueNumber: number;
  displayNumber: string;
}

const ports = {
  gateway: 4290,
  'queue-service': 4291,
  'referral-service': 4292,
  'notification-service': 4293,
};

/** Numbering under concurrency, against a real queue-service process, Redis and Postgres. */
describe('queue numbers', () => {
  const settings = testStack(ports);
  const queue = new ServiceProcess(
    'queue-service',
    settings,
    join(REPO_ROOT, '.infra/test-logs/numbering-queue.log'),
  );
  const db = new QueueDb(settings.databaseUrls.queue);
  const url = `http://127.0.0.1:${ports['queue-service']}/v1/facilities/${SECOND_HOSPITAL.code}/tickets`;
  const book = (i: number) =>
    postJson<Ticket>(url, {
      poliCode: SECOND_HOSPITAL.poli,
      patient: { nik: nikFor(100_000 + i) },
      source: 'kiosk',
    });

  beforeAll(async () => {
    await upsertFacilities(db, BREBES_FACILITIES);
    await queue.start().waitReady();
  });

  afterAll(async () => {
    await queue.stop();
    await db.$disconnect();
  });

  it('gives 500 concurrent bookings for one poli 500 distinct consecutive numbers, none lost', async () => {
    const answers = await Promise.all(Array.from({ length: 500 }, (_, i) => book(i)));
    expect(answers.map((a) => a.status)).toEqual(Array(500).fill(201));
    const numbers = answers.map((a) => a.body.queueNumber).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 500 }, (_, i) => i + 1));
    expect(new Set(answers.map((a) => a.body.bookingCode)).size).toBe(500);
    expect(answers[0].body.displayNumber).toMatch(/^INT-\d{3}$/);

    // Every accepted booking is stored once, each with exactly one event in the outbox.
    const stored = await db.ticket.count({
      where: { facilityCode: SECOND_HOSPITAL.code, poliCode: SECOND_HOSPITAL.poli },
    });
    expect(stored).toBe(500);
    const events = await db.outboxEvent.count({
      where: { type: 'queue.ticket.booked', key: SECOND_HOSPITAL.code },
    });
    expect(events).toBe(500);
  });

  it('continues numbering without reuse after Redis loses its data', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    await redis.flushdb();
    await redis.quit();
    const answers = await Promise.all([book(1000), book(1001), book(1002)]);
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    expect(answers.map((a) => a.body.queueNumber).sort((a, b) => a - b)).toEqual([501, 502, 503]);
  });
});
