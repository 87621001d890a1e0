import { execFile } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import { IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import { openIdentity } from '../../apps/queue-service/src/patient-identity/patient-identity';
import { rotateIdentityBatch } from '../../apps/queue-service/src/patient-identity/rotate-identity-keys';
import {
  adminDatabaseUrl,
  cardNumberFor,
  DIST_DIR,
  nikFor,
  phoneFor,
  QueueClient,
  REPO_ROOT,
  ServiceProcess,
  TEST_DATABASES,
  TEST_HOSPITAL,
  testDatabaseUrl,
  testStack,
} from '@app/testing';

const ports = {
  gateway: 5610,
  'queue-service': 5611,
  'referral-service': 5612,
  'notification-service': 5613,
};
const F = '9909R002';
const TOKEN = 'rotation-test-internal-token-0123456789';
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;
const run = promisify(execFile);

interface Row {
  ticketId: string;
  keyId: string;
  nik: string | null;
  cardNumber: string | null;
  phone: string | null;
  norm: string | null;
}

/**
 * Key rotation of the patient identifiers on real Postgres: tickets booked through a real
 * queue-service under k1, a rotation interrupted after one batch, then finished by the CLI, run
 * again (nothing to do), and the service restarted with k2 alone still reads every identity.
 */
describe('patient identity key rotation', () => {
  // A database of its own: rotation re-encrypts every row, and other files' rows are under the
  // shared test key.
  const dbName = `${TEST_DATABASES.queue}_rotation`;
  const dbUrl = testDatabaseUrl(dbName);
  const settings = testStack(ports);
  settings.databaseUrls = { ...settings.databaseUrls, queue: dbUrl };
  const logs = join(REPO_ROOT, '.infra/test-logs/identity-rotation');
  const serviceWith = (keys: string, log: string) =>
    new ServiceProcess('queue-service', settings, join(logs, log), {
      IDENTITY_ENCRYPTION_KEYS: keys,
      INTERNAL_API_TOKEN: TOKEN,
    });
  const api = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  const db = new QueueDb(dbUrl);
  const admin = () => new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));

  beforeAll(async () => {
    const c = admin();
    await c.connect();
    try {
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${dbName}`);
    } finally {
      await c.end();
    }
    await run(
      'bash',
      [join(REPO_ROOT, 'scripts/db/prisma.sh'), 'queue-service', 'migrate', 'deploy'],
      {
        env: { ...process.env, QUEUE_DATABASE_URL: dbUrl },
      },
    );
  });
  const base = 800_000_000 + randomInt(0, 90_000_000);
  const booked = new Map<
    string,
    { nik: string; cardNumber: string; phone: string; norm: string }
  >();

  const rows = async (): Promise<Row[]> =>
    db.$queryRawUnsafe<Row[]>(
      `SELECT i.ticket_id::text AS "ticketId", i.key_id AS "keyId", i.nik, i.card_number AS "cardNumber",
              i.phone, i.norm
       FROM patient_identity i JOIN ticket t ON t.id = i.ticket_id WHERE t.facility_code = $1`,
      F,
    );
  const cli = (keys: string) =>
    run(
      process.execPath,
      [join(DIST_DIR, 'apps/queue-service/src/cli/rotate-identity-keys.js'), '--batch-size', '4'],
      {
        env: {
          PATH: process.env.PATH ?? '',
          QUEUE_DATABASE_URL: settings.databaseUrls.queue,
          IDENTITY_ENCRYPTION_KEYS: keys,
        },
      },
    );

  afterAll(async () => {
    await db.$disconnect();
    const c = admin();
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).finally(() => c.end());
  });

  it('re-encrypts every value under the new key, in resumable batches, and reads after', async () => {
    const before = serviceWith(k1, 'queue-k1.log');
    await before.start().waitReady();
    try {
      await api.putFacility(F, TEST_HOSPITAL);
      for (let i = 0; i < 13; i++) {
        const ids = {
          nik: nikFor(base + i),
          cardNumber: cardNumberFor(base + i),
          phone: phoneFor(base + i),
          norm: `RM${base + i}`,
        };
        const res = await api.book(F, { poliCode: 'ANA', patient: ids });
        expect(res.status).toBe(201);
        booked.set(res.body.bookingCode, ids);
      }
    } finally {
      await before.stop();
    }

    const stored = await rows();
    expect(stored).toHaveLength(13);
    for (const r of stored) {
      expect(r.keyId).toBe('k1');
      const raw = JSON.stringify(r);
      for (const ids of booked.values()) expect(raw).not.toContain(ids.nik);
    }

    // A first run stops after one batch (as if killed): part is under k2, the rest still k1.
    const ring = new IdentityCipher(parseIdentityKeys(`${k2},${k1}`));
    expect(await rotateIdentityBatch(db, ring, 5)).toBe(5);
    expect((await rows()).filter((r) => r.keyId === 'k2')).toHaveLength(5);

    // The CLI resumes and finishes; a second run finds nothing left.
    const first = await cli(`${k2},${k1}`);
    expect(first.stdout).toMatch(/re-encrypted (\d+) rows; 0 left/);
    const again = await cli(`${k2},${k1}`);
    expect(again.stdout).toContain('re-encrypted 0 rows; 0 left');

    const onlyK2 = new IdentityCipher(parseIdentityKeys(k2));
    const bookingOf = new Map(
      (
        await db.ticket.findMany({
          where: { facilityCode: F },
          select: { id: true, bookingCode: true },
        })
      ).map((t) => [t.id, t.bookingCode]),
    );
    for (const r of await rows()) {
      expect(r.keyId).toBe('k2');
      for (const v of [r.nik, r.cardNumber, r.phone, r.norm])
        expect(v?.startsWith('k2:')).toBe(true);
      expect(openIdentity(onlyK2, r)).toEqual(booked.get(bookingOf.get(r.ticketId)!));
    }

    // The service, now given k2 only, reads the rotated identities; each read is audited.
    const after = serviceWith(k2, 'queue-k2.log');
    await after.start().waitReady();
    try {
      const [code, ids] = [...booked.entries()][0];
      const res = await fetch(
        `${api.baseUrl}/internal/v1/tickets/${code}/patient-identity?purpose=rotation-check`,
        { headers: { authorization: `Bearer ${TOKEN}`, 'x-caller': 'identity-rotation-test' } },
      );
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({
        bookingCode: code,
        nik: ids.nik,
        nomorkartu: ids.cardNumber,
        nohp: ids.phone,
        norm: ids.norm,
      });
      const audit = await db.identityAccess.findMany({
        where: { accessor: 'identity-rotation-test' },
      });
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ purpose: 'rotation-check' });
      expect(audit[0].fields.sort()).toEqual(['cardNumber', 'nik', 'norm', 'phone']);
    } finally {
      await after.stop();
    }
  });
});
