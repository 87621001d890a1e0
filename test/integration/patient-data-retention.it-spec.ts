import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import { adminDatabaseUrl, REPO_ROOT, TEST_DATABASES, testDatabaseUrl } from '@app/testing';
import type { QueueConfig } from '../../apps/queue-service/src/config';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import { ErasePatientData as EraseTicketData } from '../../apps/queue-service/src/patient-identity/erase-patient-data';
import { sealIdentity } from '../../apps/queue-service/src/patient-identity/patient-identity';
import type { ReferralConfig } from '../../apps/referral-service/src/config';
import { ReferralDb } from '../../apps/referral-service/src/database/referral-db';
import { ErasePatientData as EraseReferralData } from '../../apps/referral-service/src/patients/erase-patient-data';
import { openReferralIdentity } from '../../apps/referral-service/src/patients/referral-identity';
import { sealIdentities } from '../../apps/referral-service/src/patients/seal-identities';

const run = promisify(execFile);
const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const k1 = key('k1');
const k2 = key('k2');
const DAY = 86_400_000;
const NOW = new Date('2027-06-01T03:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const config = { PATIENT_DATA_RETENTION_DAYS: 365, PATIENT_DATA_RETENTION_INTERVAL_MS: 0 };

async function freshDatabase(service: string, name: string, variable: string): Promise<string> {
  const url = testDatabaseUrl(name);
  const c = new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  await run('bash', [join(REPO_ROOT, 'scripts/db/prisma.sh'), service, 'migrate', 'deploy'], {
    env: { ...process.env, [variable]: url },
  });
  return url;
}

async function dropDatabase(name: string): Promise<void> {
  const c = new Client(pgPoolConfigFromUrl(adminDatabaseUrl()));
  await c.connect();
  await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => c.end());
}

/**
 * Encryption of existing rows, key rotation and retention of patient identifiers, on real
 * Postgres with the services' own migrations, for referral-service and queue-service.
 */
describe('patient data at rest: sealing, rotation and retention', () => {
  const referralDbName = `${TEST_DATABASES.referral}_retention`;
  const queueDbName = `${TEST_DATABASES.queue}_retention`;
  let referrals: ReferralDb;
  let queue: QueueDb;

  beforeAll(async () => {
    referrals = new ReferralDb(
      await freshDatabase('referral-service', referralDbName, 'REFERRAL_DATABASE_URL'),
    );
    queue = new QueueDb(await freshDatabase('queue-service', queueDbName, 'QUEUE_DATABASE_URL'));
  });

  afterAll(async () => {
    await referrals?.$disconnect();
    await queue?.$disconnect();
    await dropDatabase(referralDbName);
    await dropDatabase(queueDbName);
  });

  /** A referral as the service wrote it before encryption: plain identifier columns, no key id. */
  const legacyReferral = async (n: number, status: string, updatedAt: Date) => {
    const id = randomUUID();
    await referrals.$executeRawUnsafe(
      `INSERT INTO referral (id, number, origin_facility_code, destination_facility_code, poli_code,
         patient_ref, patient_nik, patient_card_number, patient_name, patient_phone,
         diagnosis_code, diagnosis_name, non_specialist, referral_type, service_type,
         referral_date, planned_visit_date, valid_until, referring_doctor, status, updated_at)
       VALUES ($1::uuid, $2, '99189001', '99189002', 'INT', $3, $4, $5, $6, $7, 'E11.5', 'DM',
         false, 0, 2, '2026-01-02', '2026-01-05', '2026-04-02', 'dr. Uji', $8, $9)`,
      id,
      `991890010126P${String(n).padStart(6, '0')}`,
      `p_retention_${n}_abcdefgh`,
      `317599180000000${n}`,
      `000991800000${n}`,
      `Pasien Uji ${n}`,
      `08129918000${n}`,
      status,
      updatedAt,
    );
    return id;
  };
  const rawReferral = (id: string) =>
    referrals.referral.findUniqueOrThrow({ where: { id } }).then((r) => r);

  it('seals plain rows once, rotates them to a new key, and reads them with it alone', async () => {
    const ids = [
      await legacyReferral(1, 'completed', ago(400)),
      await legacyReferral(2, 'completed', ago(10)),
      await legacyReferral(3, 'sent', ago(400)),
    ];
    const ring1 = new IdentityCipher(parseIdentityKeys(k1));
    expect(await sealIdentities(referrals, ring1, { batchSize: 2 })).toBe(3);
    expect(await sealIdentities(referrals, ring1, { batchSize: 2 })).toBe(0);
    for (const [i, id] of ids.entries()) {
      const r = await rawReferral(id);
      expect(r.identityKeyId).toBe('k1');
      const raw = JSON.stringify(r);
      expect(raw).not.toContain('317599180000000');
      expect(raw).not.toContain('Pasien Uji');
      expect(openReferralIdentity(ring1, r)).toEqual({
        nik: `317599180000000${i + 1}`,
        cardNumber: `000991800000${i + 1}`,
        phone: `08129918000${i + 1}`,
        name: `Pasien Uji ${i + 1}`,
      });
    }
    // Rotation: the new key first, the old one kept until every row is under the new one.
    const ring21 = new IdentityCipher(parseIdentityKeys(`${k2},${k1}`));
    expect(await sealIdentities(referrals, ring21, { batchSize: 1 })).toBe(3);
    const only2 = new IdentityCipher(parseIdentityKeys(k2));
    const r = await rawReferral(ids[0]);
    expect(r.identityKeyId).toBe('k2');
    expect(openReferralIdentity(only2, r).nik).toBe('3175991800000001');
    expect(() => openReferralIdentity(ring1, r)).toThrow(/unknown key "k2"/);
  });

  it('referral-service erases the identifiers of referrals closed past the retention, once', async () => {
    const rows = await referrals.referral.findMany({ orderBy: { number: 'asc' } });
    const [old, recent, open] = rows;
    // The copies of referral.sent kept in the outbox and for the hospital's webhook.
    const envelope = {
      type: 'referral.sent',
      payload: { referralId: old.id, patient: { name: 'Pasien Uji 1', sealedContact: 'c1:x' } },
    };
    await referrals.outboxEvent.create({
      data: {
        id: randomUUID(),
        topic: 'referral.referrals.1',
        key: '99189002',
        type: 'referral.sent',
        envelope,
      },
    });
    await referrals.webhookDelivery.create({
      data: {
        id: randomUUID(),
        facilityCode: '99189002',
        eventId: randomUUID(),
        eventType: 'referral.sent',
        referralId: old.id,
        body: JSON.stringify(envelope),
        status: 'delivered',
      },
    });

    const erase = new EraseReferralData(referrals, config as ReferralConfig);
    expect((await erase.run(NOW)).erased).toBe(1);
    expect((await erase.run(NOW)).erased).toBe(0);

    const erased = await rawReferral(old.id);
    expect(erased).toMatchObject({
      patientNik: null,
      patientCardNumber: null,
      patientPhone: null,
      patientName: '',
      identityKeyId: null,
      patientRef: old.patientRef,
      number: old.number,
      diagnosisCode: 'E11.5',
    });
    expect(erased.identityErasedAt).toEqual(NOW);
    const only2 = new IdentityCipher(parseIdentityKeys(k2));
    expect(openReferralIdentity(only2, erased)).toEqual({
      nik: null,
      cardNumber: null,
      phone: null,
      name: null,
    });
    for (const kept of [recent, open])
      expect((await rawReferral(kept.id)).patientNik).toBe(kept.patientNik);

    const outbox = await referrals.outboxEvent.findFirstOrThrow({ where: { key: '99189002' } });
    expect(JSON.stringify(outbox.envelope)).not.toContain('Pasien Uji');
    const delivery = await referrals.webhookDelivery.findFirstOrThrow({
      where: { referralId: old.id },
    });
    expect(delivery.body).not.toContain('Pasien Uji');
    const audit = await referrals.identityAccess.findMany({ where: { referralId: old.id } });
    expect(audit).toEqual([
      expect.objectContaining({
        accessor: 'retention-job',
        action: 'erase',
        fields: ['nik', 'cardNumber', 'phone', 'name'],
      }),
    ]);
  });

  it('queue-service deletes the identity of tickets closed past the retention, once', async () => {
    const cipher = new IdentityCipher(parseIdentityKeys(k1));
    const ticket = async (n: number, status: string, serviceDate: Date) => {
      const id = randomUUID();
      await queue.ticket.create({
        data: {
          id,
          bookingCode: `RT${n}${randomBytes(3).toString('hex')}`.toUpperCase(),
          facilityCode: '99189003',
          poliCode: 'ANA',
          serviceDate,
          queueNumber: n,
          displayNumber: `ANA-${n}`,
          patientRef: `p_ticket_retention_${n}`,
          source: 'online',
          status,
        },
      });
      const sealed = sealIdentity(cipher, id, {
        nik: `317599181000000${n}`,
        phone: `08129918100${n}`,
      })!;
      await queue.patientIdentity.create({ data: sealed });
      return id;
    };
    const old = await ticket(1, 'done', ago(400));
    const recent = await ticket(2, 'done', ago(30));
    const stillOpen = await ticket(3, 'booked', ago(400));

    const erase = new EraseTicketData(queue, config as QueueConfig);
    expect((await erase.run(NOW)).erased).toBe(1);
    expect((await erase.run(NOW)).erased).toBe(0);

    expect(await queue.patientIdentity.findUnique({ where: { ticketId: old } })).toBeNull();
    const kept = await queue.ticket.findUniqueOrThrow({ where: { id: old } });
    expect(kept).toMatchObject({ status: 'done' });
    expect(kept.patientRef).toBe('p_ticket_retention_1');
    for (const id of [recent, stillOpen])
      expect(await queue.patientIdentity.findUnique({ where: { ticketId: id } })).not.toBeNull();
    expect(await queue.identityAccess.findMany({ where: { ticketId: old } })).toEqual([
      expect.objectContaining({
        accessor: 'retention-job',
        purpose: 'erase',
        fields: ['nik', 'phone'],
      }),
    ]);
  });
});
