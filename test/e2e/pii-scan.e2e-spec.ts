import { randomInt } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { createKafka } from '@app/messaging';
import {
  DEMO_INTERNAL_API_TOKEN,
  eventually,
  getJson,
  HttpReceiver,
  postJson,
  readTopicToEnd,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
} from '@app/testing';
import {
  plusDays,
  ReferralHarness,
  todayIso,
  type ReferralBody,
} from '../../apps/referral-service/test/e2e-harness';
import { e164, notificationEnv } from '../../apps/notification-service/test/e2e-support';

/**
 * Issue #7, "must be shown": an end-to-end run (tickets booked with NIK, card and phone, called and
 * served; a referral with identifiers sent, accepted by a hospital and booked into its queue;
 * patients told on WhatsApp; every booking reported to the BPJS simulator by bpjs-bridge) leaves
 * no raw NIK, card number or phone in any service's log, in any message on any Kafka topic (read
 * from the beginning), or in notification-service's contacts, delivery log and dead letters.
 * Driven on the backend services' own HTTP APIs, so it does not depend on the gateway's
 * authentication.
 */
const LOG_DIR = join(REPO_ROOT, '.infra/test-logs/pii-scan');
const FKTP = '99180001';
const RS = '99180002';
const allDay = (quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));
const facility = (name: string, type: string, poli: string, doctor: string) => ({
  name,
  type,
  district: 'Uji PII',
  address: 'Jl. Uji No. 1',
  latitude: -6.9,
  longitude: 109.1,
  polis: [{ code: poli, name: poli, prefix: poli, subspecialties: [] }],
  doctors: [{ code: doctor, name: 'dr. Uji', poliCode: poli, schedules: allDay(40, 40) }],
  counters: [
    { code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] },
    { code: `${poli}-1`, name: `Poli ${poli}`, station: 'poli', poliCodes: [poli] },
  ],
});

/** Distinctive identifiers no other test file uses (random tails, a 9918 marker). */
const tail = (n: number) => String(randomInt(0, 10 ** n)).padStart(n, '0');
const patients = [0, 1, 2].map(() => ({
  nik: `3175${'9918'}${tail(8)}`,
  cardNumber: `00099${'18'}${tail(6)}`,
  phone: `08129918${tail(4)}`,
}));

/** A value as a regex that also finds it with spaces, dots or dashes between its digits. */
const spaced = (digits: string) => new RegExp(digits.split('').join('[\\s.\\-]?'));
/** Every form a raw value could leak in: as given, and a phone as 62…/+62… (its number without 0). */
const forms = (p: (typeof patients)[number]) => [
  spaced(p.nik),
  spaced(p.cardNumber),
  spaced(p.phone.slice(1)),
];

describe('no raw NIK, card number or phone in logs or Kafka (issue #7)', () => {
  let h: ReferralHarness;
  let whatsapp: HttpReceiver;
  /** The BPJS pair: bpjs-bridge reads the identifiers from queue-service for antrean/add. */
  let bpjs: ServiceProcess[] = [];
  const BRIDGE = 'http://127.0.0.1:6505';
  const SIM = 'http://127.0.0.1:6506';

  beforeAll(async () => {
    // Logs are appended to; a run scans only its own lines.
    rmSync(LOG_DIR, { recursive: true, force: true });
    whatsapp = await HttpReceiver.start();
    h = new ReferralHarness(6502, 'pii-scan', 0, {
      stack: {
        notificationEnv: notificationEnv({
          WHATSAPP_GATEWAY_URLS: whatsapp.url('/wa'),
          // Every line a service writes is scanned, the chattiest level included.
          LOG_LEVEL: 'debug',
        }),
      },
    });
    await h.start();
    const settings = {
      ...h.settings,
      ports: { ...h.settings.ports, 'bpjs-bridge': 6505, 'bpjs-simulator': 6506 },
      extraEnv: {},
    };
    bpjs = (['bpjs-simulator', 'bpjs-bridge'] as const).map(
      (n) =>
        new ServiceProcess(n, settings, join(LOG_DIR, `${n}.log`), {
          LOG_LEVEL: 'debug',
          ANTROL_POLL_INTERVAL_MS: '100',
          ANTROL_RETRY_BASE_MS: '200',
          ANTROL_RETRY_MAX_MS: '2000',
        }),
    );
    await Promise.all(bpjs.map((p) => p.start().waitReady()));
    for (const f of [FKTP, RS]) {
      const put = await serviceFetch(`${BRIDGE}/v1/facilities/${f}/bpjs-credentials`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
      });
      expect(put.status).toBe(200);
    }
    await h.waitCaughtUp();
    await h.queue.putFacility(FKTP, facility('Puskesmas Uji PII', 'FKTP', 'UMU', '991801'));
    await h.queue.putFacility(RS, facility('RS Uji PII', 'FKRTL', 'INT', '991802'));
    await h.waitFacilities(FKTP, 'INT', [RS]);
  });

  afterAll(async () => {
    await Promise.all(bpjs.map((p) => p.stop()));
    await h?.stop();
    await whatsapp?.stop();
  });

  it('books, serves and refers with identifiers, then finds none of them in any log line or Kafka message', async () => {
    // 1. Tickets at the puskesmas: one JKN (card + NIK), one with NIK only, each with a phone.
    const [a, b, c] = patients;
    const codes: string[] = [];
    for (const p of [
      { nik: a.nik, cardNumber: a.cardNumber, phone: a.phone },
      { nik: b.nik, phone: b.phone },
    ]) {
      const res = await h.queue.book(FKTP, {
        poliCode: 'UMU',
        source: 'online',
        patient: { ...p, isNew: false },
      });
      expect(res.status).toBe(201);
      codes.push(res.body.bookingCode);
    }
    // A refused booking (malformed card) must not echo the NIK into a log either.
    const bad = await h.queue.book(FKTP, {
      poliCode: 'UMU',
      source: 'online',
      patient: { nik: a.nik, cardNumber: '12', phone: a.phone, isNew: false },
    });
    expect(bad.status).toBe(400);
    // A desk that types identifiers where a booking code belongs: the URL is in the request log.
    expect((await h.queue.get(`/v1/tickets/${a.nik}?hp=${a.phone}`)).status).toBeGreaterThan(399);
    expect((await getJson(`${h.base}/v1/referrals/${c.cardNumber}`)).status).toBe(400);
    for (const code of codes) expect((await h.queue.ticketOp(code, 'check-in')).status).toBe(200);
    for (let i = 0; i < codes.length; i++) {
      expect((await h.queue.counterOp(FKTP, 'UMU-1', 'call-next')).status).toBe(200);
      expect((await h.queue.counterOp(FKTP, 'UMU-1', 'start')).status).toBe(200);
      expect((await h.queue.counterOp(FKTP, 'UMU-1', 'finish', { next: 'done' })).status).toBe(200);
    }

    // 2. A referral with NIK, card and phone, accepted by the hospital: queue-service reads the
    //    identifiers on the internal endpoint and books the hospital ticket.
    // As the gateway forwards a signed-in doctor: X-Actor names them in the audit trail.
    const created = await postJson<ReferralBody & { patient: Record<string, string> }>(
      `${h.base}/v1/referrals`,
      {
        originFacilityCode: FKTP,
        referringDoctor: 'dr. Uji',
        patient: { nik: c.nik, cardNumber: c.cardNumber, name: 'Siti Uji', phone: c.phone },
        diagnosisCode: 'E11.5',
        destination: { facilityCode: RS, poliCode: 'INT' },
        plannedVisitDate: plusDays(todayIso(), 2),
      },
      { 'x-actor': 'e2e-desk', 'x-caller': 'gateway' },
    );
    expect(created.status).toBe(201);
    const r = created.body;
    expect(r.patient).toMatchObject({ nik: c.nik, cardNumber: c.cardNumber, phone: c.phone });
    expect((await h.act(r.id, 'receive')).status).toBe(200);
    const accepted = await h.act(r.id, 'accept', {
      visitDate: plusDays(todayIso(), 3),
      doctorCode: '991802',
    });
    expect(accepted.status).toBe(200);
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));

    // 3. The patients were told on their phones: the sealed contacts reached notification-service.
    await eventually(() => {
      const to = new Set(whatsapp.accepted().map((m) => (m.body as { to: string }).to));
      for (const p of [a, b, c]) expect(to).toContain(e164(p.phone));
      return Promise.resolve();
    });

    // BPJS got the identifiers it needs (antrean/add), read by bpjs-bridge from queue-service.
    await eventually(async () => {
      const got = await getJson<{
        bookings: Array<{ add: { nik?: string; nomorkartu?: string } }>;
      }>(`${SIM}/sim/v1/received`);
      const adds = got.body.bookings.map((x) => x.add);
      expect(adds).toContainEqual(
        expect.objectContaining({ nik: a.nik, nomorkartu: a.cardNumber }),
      );
      expect(adds).toContainEqual(
        expect.objectContaining({ nik: c.nik, nomorkartu: c.cardNumber }),
      );
    });

    // 4. The audit trail names who created and who read the referral's identifiers.
    const auditRes = await serviceFetch(`${h.base}/internal/v1/referrals/${r.id}/identity-access`, {
      headers: { authorization: `Bearer ${DEMO_INTERNAL_API_TOKEN}` },
    });
    expect(auditRes.status).toBe(200);
    const audit = (await auditRes.json()) as Array<{ accessor: string; action: string }>;
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'create', accessor: 'e2e-desk' }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'read', accessor: 'queue-service' }),
    );
    const stored = await getJson<ReferralBody & { patient: { nik: string } }>(
      `${h.base}/v1/referrals/${r.id}`,
    );
    expect(stored.body.patient.nik).toBe(c.nik);

    const leaks: string[] = [];
    // 5. notification-service's tables where an address could rest: the contacts (sealed), the
    //    delivery log, the deliveries' last errors and the dead letters.
    const notificationDb = new Client(pgPoolConfigFromUrl(h.settings.databaseUrls.notification));
    await notificationDb.connect();
    try {
      for (const table of ['contact', 'delivery_attempt', 'delivery', 'delivery_dead_letter']) {
        const { rows } = await notificationDb.query(`SELECT * FROM ${table}`);
        const text = JSON.stringify(rows);
        for (const p of patients)
          for (const re of forms(p)) if (re.test(text)) leaks.push(`table ${table} matches ${re}`);
      }
      const { rows } = await notificationDb.query<{ key_id: string | null }>(
        'SELECT key_id FROM contact WHERE recipient LIKE $1',
        ['p_%'],
      );
      expect(rows.length).toBeGreaterThanOrEqual(3);
      expect(rows.filter((r) => r.key_id === null)).toEqual([]);
    } finally {
      await notificationDb.end();
    }

    // 6. Every message of every topic, from the beginning (other files' messages included).
    await h.waitCaughtUp();
    const admin = createKafka(h.settings.kafkaBrokers.split(','), 'pii-scan-admin').admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => !t.startsWith('__'));
    await admin.disconnect();
    expect(topics.length).toBeGreaterThan(3);
    let messages = 0;
    for (const topic of topics) {
      for (const m of await readTopicToEnd(h.settings.kafkaBrokers, topic)) {
        messages += 1;
        const text = `${m.key ?? ''}\n${m.value}\n${JSON.stringify(m.headers)}`;
        for (const p of patients)
          for (const re of forms(p))
            if (re.test(text)) leaks.push(`${topic}@${m.partition}:${m.offset} matches ${re}`);
      }
    }
    expect(messages).toBeGreaterThan(10);

    // 7. Every line every service wrote during the run.
    const files = readdirSync(LOG_DIR).filter((f) => f.endsWith('.log'));
    expect(files.sort()).toEqual(
      [
        'bpjs-bridge.log',
        'bpjs-simulator.log',
        'notification-service.log',
        'queue-service.log',
        'referral-service.log',
      ].sort(),
    );
    let lines = 0;
    const masked = new Set<string>();
    for (const f of files) {
      for (const [i, line] of readFileSync(join(LOG_DIR, f), 'utf8').split('\n').entries()) {
        lines += 1;
        for (const m of line.match(/\[(nik|card|phone)\]/g) ?? []) masked.add(m);
        for (const p of patients)
          for (const re of forms(p)) if (re.test(line)) leaks.push(`${f}:${i + 1} matches ${re}`);
      }
    }
    expect(lines).toBeGreaterThan(20);
    // The mistyped URLs were logged, with the identifiers masked by value.
    expect([...masked].sort()).toEqual(['[card]', '[nik]', '[phone]']);
    // The scan itself finds each value in the forms it looks for (digits with separators too).
    for (const p of patients) {
      const grouped = (v: string) => v.replace(/(\d{4})(?=\d)/g, '$1 ');
      for (const v of [p.nik, grouped(p.cardNumber), `+62 ${grouped(p.phone.slice(1))}`])
        expect(forms(p).some((re) => re.test(`x ${v} x`))).toBe(true);
    }
    expect(leaks).toEqual([]);
  });
});
