import { randomUUID } from 'node:crypto';
import { createRedis, type RedisClient } from '@app/redis';
import { TEST_DATABASES, TEST_REDIS_URL, testDatabaseUrl } from '@app/testing';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import { MasterDataChanges } from '../../apps/queue-service/src/facilities/master-data-changes';
import { PoliDirectory } from '../../apps/queue-service/src/facilities/poli-directory';
import {
  bpjsDayOfWeek,
  ScheduleResolver,
} from '../../apps/queue-service/src/schedules/schedule-resolver';
import { todayIn } from '../../apps/queue-service/src/tickets/service-date';

// A facility of this file's own.
const F = '9977R001';

/** One queue-service instance's master-data caches and its pub/sub link, as the app wires them. */
class Instance {
  readonly db: QueueDb;
  readonly redis: RedisClient;
  readonly polis: PoliDirectory;
  readonly schedules: ScheduleResolver;
  readonly changes: MasterDataChanges;

  constructor(dbUrl: string, name: string) {
    this.db = new QueueDb(dbUrl);
    this.redis = createRedis(TEST_REDIS_URL, name);
    this.polis = new PoliDirectory(this.db);
    this.schedules = new ScheduleResolver(this.db);
    this.changes = new MasterDataChanges(this.redis, this.schedules, this.polis);
  }

  async stop(): Promise<void> {
    await this.changes.onApplicationShutdown();
    await this.redis.quit();
    await this.db.$disconnect();
  }
}

/** Polls until `read` gives what `done` wants: a pub/sub message arrives a moment after publish. */
async function eventually<T>(read: () => Promise<T>, done: (v: T) => boolean): Promise<T> {
  for (;;) {
    const v = await read();
    if (done(v)) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * queue-service caches master data for minutes; a change made through one instance must reach
 * the caches of every other instance at once, over real Redis pub/sub.
 */
describe('master-data caches across two instances', () => {
  const dbUrl = testDatabaseUrl(TEST_DATABASES.queue);
  const a = new Instance(dbUrl, 'master-data-a');
  const b = new Instance(dbUrl, 'master-data-b');
  const today = todayIn('Asia/Jakarta');

  beforeAll(async () => {
    await a.changes.onApplicationBootstrap();
    await b.changes.onApplicationBootstrap();
    const db = a.db;
    await db.facility.create({
      data: { code: F, name: 'RS Cache', type: 'RS', district: '3171' },
    });
    await db.poli.create({
      data: { facilityCode: F, code: 'INT', name: 'Penyakit Dalam', prefix: 'INT' },
    });
    await db.doctor.create({
      data: { facilityCode: F, code: 'D1', name: 'dr. Satu', poliCode: 'INT' },
    });
    await db.practiceSchedule.create({
      data: {
        id: randomUUID(),
        facilityCode: F,
        doctorCode: 'D1',
        poliCode: 'INT',
        dayOfWeek: bpjsDayOfWeek(today),
        startTime: '00:00',
        endTime: '23:59',
        quotaJkn: 10,
        quotaNonJkn: 10,
      },
    });
  });

  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  it('serves its cached copy until told, then reads the change another instance announced', async () => {
    expect((await b.polis.require(F, 'INT')).name).toBe('Penyakit Dalam');
    for (const instance of [a, b]) {
      const sessions = await instance.schedules.resolve(F, 'INT', today);
      expect(sessions.map((s) => s.doctorCode)).toEqual(['D1']);
    }

    // The change as instance A's use cases make it: committed, then announced.
    await a.db.poli.update({
      where: { facilityCode_code: { facilityCode: F, code: 'INT' } },
      data: { name: 'Penyakit Dalam Baru' },
    });
    await a.db.doctorAbsence.create({
      data: {
        facilityCode: F,
        doctorCode: 'D1',
        date: new Date(`${today}T00:00:00Z`),
        reason: 'cuti',
      },
    });
    // Not announced yet: B still has its copy (the cache is real, not a pass-through).
    expect((await b.polis.require(F, 'INT')).name).toBe('Penyakit Dalam');

    await a.changes.changed(F);

    const poli = await eventually(
      () => b.polis.require(F, 'INT'),
      (p) => p.name === 'Penyakit Dalam Baru',
    );
    expect(poli.name).toBe('Penyakit Dalam Baru');
    await expect(b.schedules.resolve(F, 'INT', today)).rejects.toMatchObject({
      code: 'QUEUE.DOCTOR_ABSENT',
    });
    // A forgot its own copy at once, before any message came back.
    await expect(a.schedules.resolve(F, 'INT', today)).rejects.toMatchObject({
      code: 'QUEUE.DOCTOR_ABSENT',
    });
  });
});
