import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import {
  adminDatabaseUrl,
  DIST_DIR,
  eventually,
  REPO_ROOT,
  TEST_DATABASES,
  testDatabaseUrl,
} from '@app/testing';
import { ContactSealer } from '../../apps/notification-service/src/contacts/contact-sealer';
import {
  openContactRow,
  writeContact,
  type StoredContact,
} from '../../apps/notification-service/src/contacts/contact-vault';
import { sealContactBatch } from '../../apps/notification-service/src/contacts/seal-contacts';
import { NotificationDb } from '../../apps/notification-service/src/database/notification-db';

const run = promisify(execFile);
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const n1 = key('n1');
const n2 = key('n2');
const ring = (spec: string) => new IdentityCipher(parseIdentityKeys(spec));
const MIGRATIONS = join(REPO_ROOT, 'apps/notification-service/prisma/migrations');
const SEALING_MIGRATION = /_contact_sealed_at_rest$/;

/** Contacts as notification-service stored them before sealing (9957 marks this file's numbers). */
const plain = Array.from({ length: 7 }, (_, i) => ({
  recipient: `p_contact_seal_${i}`,
  phone: `+62812995700${String(i).padStart(2, '0')}`,
  email: i % 2 ? `pasien${i}.9957@contoh.id` : null,
  pushSubscription:
    i === 3
      ? { endpoint: `https://push.example/9957/${i}`, keys: { p256dh: 'pk', auth: 'au' } }
      : null,
}));

/**
 * notification-service's contacts at rest on real Postgres, with its own migrations: rows written
 * before the sealing migration (push subscription still JSONB) are carried through it, sealed by
 * the start-up step, re-sealed under a new key by a rotation interrupted after one batch and
 * finished by the CLI; the table never holds a raw phone or address after.
 */
describe('notification-service contacts sealed at rest', () => {
  const dbName = `${TEST_DATABASES.notification}_contacts`;
  const url = testDatabaseUrl(dbName);
  let db: NotificationDb;
  const admin = () => new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));

  const rows = () =>
    db.$queryRaw<StoredContact[]>`SELECT recipient, phone, email,
      push_subscription AS "pushSubscription", key_id AS "keyId" FROM contact ORDER BY recipient`;
  const rawTable = async () => {
    const c = new Client(pgPoolConfigFromUrl(url));
    await c.connect();
    try {
      return JSON.stringify((await c.query('SELECT * FROM contact')).rows);
    } finally {
      await c.end();
    }
  };
  const noPlainLeft = async () => {
    const raw = await rawTable();
    for (const p of plain) {
      expect(raw).not.toContain(p.phone.slice(3));
      if (p.email) expect(raw).not.toContain(p.email);
    }
    expect(raw).not.toContain('push.example');
  };
  const cli = (keys: string) =>
    run(
      process.execPath,
      [
        join(DIST_DIR, 'apps/notification-service/src/cli/rotate-contact-keys.js'),
        '--batch-size',
        '2',
      ],
      {
        env: {
          PATH: process.env.PATH ?? '',
          NOTIFICATION_DATABASE_URL: url,
          IDENTITY_ENCRYPTION_KEYS: keys,
        },
      },
    );

  beforeAll(async () => {
    const a = admin();
    await a.connect();
    try {
      await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await a.query(`CREATE DATABASE ${dbName}`);
    } finally {
      await a.end();
    }
    // The schema as it was, plain rows written then, and the sealing migration on top of them.
    const c = new Client(pgPoolConfigFromUrl(url));
    await c.connect();
    try {
      const dirs = readdirSync(MIGRATIONS)
        .filter((d) => /^\d{14}_/.test(d))
        .sort();
      const at = dirs.findIndex((d) => SEALING_MIGRATION.test(d));
      expect(at).toBeGreaterThan(0);
      const sql = (d: string) => readFileSync(join(MIGRATIONS, d, 'migration.sql'), 'utf8');
      for (const d of dirs.slice(0, at)) await c.query(sql(d));
      for (const p of plain)
        await c.query(
          `INSERT INTO contact (recipient, phone, email, push_subscription) VALUES ($1, $2, $3, $4)`,
          [p.recipient, p.phone, p.email, p.pushSubscription && JSON.stringify(p.pushSubscription)],
        );
      for (const d of dirs.slice(at)) await c.query(sql(d));
    } finally {
      await c.end();
    }
    db = new NotificationDb(url);
  });

  afterAll(async () => {
    await db?.$disconnect();
    const a = admin();
    await a.connect();
    await a.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).finally(() => a.end());
  });

  it('seals plain rows at start, rotates them under a new key in resumable batches, and keeps them readable', async () => {
    // Carried through the migration as they were: no key id, still readable.
    const before = await rows();
    expect(before.map((r) => r.keyId)).toEqual(plain.map(() => null));
    expect(before.map((r) => openContactRow(ring(n1), r))).toEqual(
      plain.map(({ phone, email, pushSubscription }) => ({ phone, email, pushSubscription })),
    );

    // The start-up step (what the service runs on bootstrap) seals them in the background.
    new ContactSealer(db, ring(n1)).onApplicationBootstrap();
    await eventually(async () => expect((await rows()).every((r) => r.keyId === 'n1')).toBe(true));
    await noPlainLeft();

    // A contact changed while under n1, by a service already given n2: the whole row moves to n2
    // and the fields not given stay.
    const p0 = plain[0];
    await db.$transaction((tx) =>
      writeContact(tx, ring(`${n2},${n1}`), p0.recipient, { email: 'baru.9957@contoh.id' }),
    );

    // A rotation stopped after one batch (as if killed), resumed and finished by the CLI.
    const rotated = ring(`${n2},${n1}`);
    expect(await sealContactBatch(db, rotated, 2)).toBe(2);
    expect((await rows()).filter((r) => r.keyId === 'n2')).toHaveLength(3);
    const first = await cli(`${n2},${n1}`);
    expect(first.stdout).toContain('4 contacts to seal under key "n2"');
    expect(first.stdout).toContain('sealed 4 contacts; 0 left under other keys');
    const again = await cli(`${n2},${n1}`);
    expect(again.stdout).toContain('sealed 0 contacts; 0 left under other keys');
    await noPlainLeft();

    // Readable with n2 alone: n1 can go.
    const after = await rows();
    for (const r of after) {
      expect(r.keyId).toBe('n2');
      for (const v of [r.phone, r.email, r.pushSubscription]) if (v) expect(v).toMatch(/^n2:/);
    }
    const opened = after.map((r) => openContactRow(ring(n2), r));
    expect(opened).toEqual(
      plain.map(({ phone, email, pushSubscription }, i) => ({
        phone,
        email: i === 0 ? 'baru.9957@contoh.id' : email,
        pushSubscription,
      })),
    );

    // A bad key ring is refused before anything is touched, naming the problem, never the key.
    await expect(cli('n3:short')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('IDENTITY_ENCRYPTION_KEYS'),
    });
  });
});
