import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import * as LZString from 'lz-string';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { randomInt } from 'node:crypto';
import {
  cardNumberFor,
  eventually,
  getJson,
  nikFor,
  phoneFor,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  TEST_DATABASES,
  TEST_HOSPITAL,
  testDatabaseUrl,
  testStack,
} from '@app/testing';

const ports = {
  gateway: 5010,
  'queue-service': 5011,
  'referral-service': 5012,
  'notification-service': 5013,
  'bpjs-bridge': 5015,
  'bpjs-simulator': 5091,
};
const F = '9909R007';
const { consId, secret, userKey } = SIMULATED_BPJS;

/** Written here from BPJS's description, independently of @app/bpjs. */
const signatureOf = (ts: string) =>
  createHmac('sha256', secret).update(`${consId}&${ts}`).digest('base64');
const open = (ts: string, b64: string): unknown => {
  const key = createHash('sha256')
    .update(consId + secret + ts)
    .digest();
  const d = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  const lz = Buffer.concat([d.update(Buffer.from(b64, 'base64')), d.final()]).toString('utf8');
  return JSON.parse(LZString.decompressFromEncodedURIComponent(lz));
};

interface Envelope {
  metadata: { code: number; message: string };
  response?: string;
}

/**
 * The simulator's contract seen from outside (signatures, timestamps, encrypted answers, BPJS's
 * rules) and the bridge's back-fill: calls BPJS had refused come back when it asks for them.
 */
describe('BPJS simulator contract and bridge back-fill', () => {
  const settings = testStack(ports);
  const logs = join(REPO_ROOT, '.infra/test-logs/bpjs-backfill');
  const sim = new ServiceProcess('bpjs-simulator', settings, join(logs, 'bpjs-simulator.log'));
  const bridge = new ServiceProcess('bpjs-bridge', settings, join(logs, 'bpjs-bridge.log'), {
    ANTROL_RETRY_BASE_MS: '200',
    ANTROL_RETRY_MAX_MS: '2000',
    ANTROL_POLL_INTERVAL_MS: '100',
  });
  const queue = new ServiceProcess('queue-service', settings, join(logs, 'queue-service.log'));
  const api = new QueueClient(queue.url);
  const patient = 500_000_000 + randomInt(0, 90_000_000);
  const antrol = simulatedAntrolUrl(settings);
  const db = new Client(pgPoolConfigFromUrl(testDatabaseUrl(TEST_DATABASES.bpjsBridge)));

  const call = async (
    path: string,
    body: unknown,
    headers: Partial<Record<string, string>> = {},
  ): Promise<{ ts: string; status: number; body: Envelope }> => {
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await serviceFetch(`${antrol}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'X-cons-id': consId,
        'X-timestamp': ts,
        'X-signature': signatureOf(ts),
        user_key: userKey,
        ...headers,
      } as Record<string, string>,
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { ts, status: res.status, body: (res.ok ? JSON.parse(text) : { text }) as Envelope };
  };

  const add = (kodebooking: string, identity: Record<string, string> = {}) => ({
    kodebooking,
    jenispasien: 'JKN',
    nomorkartu: cardNumberFor(patient),
    nik: nikFor(patient),
    nohp: phoneFor(patient),
    norm: '00000001',
    ...identity,
    kodepoli: 'ANA',
    namapoli: 'Anak',
    pasienbaru: 0,
    tanggalperiksa: '2026-11-23',
    nomorantrean: 'ANA-001',
    angkaantrean: 1,
    estimasidilayani: Date.now(),
  });

  beforeAll(async () => {
    sim.start();
    bridge.start();
    queue.start();
    await Promise.all([sim.waitReady(), bridge.waitReady(), queue.waitReady()]);
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await Promise.all([sim.stop(), bridge.stop(), queue.stop()]);
  });

  it('checks signature, timestamp and user_key, and encrypts its answers', async () => {
    const bad = await call('/antrean/add', add('SIGBAD01'), { 'X-signature': 'AAAA' });
    expect(bad.body.metadata).toEqual({ code: 201, message: 'Signature tidak valid' });
    const stale = String(Math.floor(Date.now() / 1000) - 3600);
    const old = await call('/antrean/add', add('SIGBAD02'), {
      'X-timestamp': stale,
      'X-signature': signatureOf(stale),
    });
    expect(old.body.metadata.code).toBe(201);
    const key = await call('/antrean/add', add('SIGBAD03'), { user_key: 'wrong' });
    expect(key.body.metadata.code).toBe(201);

    expect((await call('/antrean/add', add('SIGOK001'))).body.metadata).toEqual({
      code: 200,
      message: 'Ok.',
    });
    expect((await call('/antrean/add', add('SIGOK001'))).body.metadata).toEqual({
      code: 208,
      message: 'Terdapat duplikasi Kode Booking',
    });
    const t = Date.now();
    const up = (taskid: number, waktu: number) =>
      call('/antrean/updatewaktu', { kodebooking: 'SIGOK001', taskid, waktu });
    expect((await up(4, t)).body.metadata.message).toBe('TaskId sebelumnya belum terkirim');
    expect((await up(3, t)).body.metadata.code).toBe(200);
    expect((await up(3, t + 1)).body.metadata.message).toBe('TaskId=3 sudah ada');
    expect((await up(4, t)).body.metadata.code).toBe(201); // not later than task 3
    expect((await up(4, t + 5)).body.metadata.code).toBe(200);

    const list = await call('/antrean/getlisttask', { kodebooking: 'SIGOK001' });
    expect(list.body.metadata.code).toBe(200);
    expect(typeof list.body.response).toBe('string');
    const tasks = open(list.ts, list.body.response ?? '') as Array<{ taskid: number }>;
    expect(tasks.map((x) => x.taskid)).toEqual([3, 4]);

    await serviceFetch(`${sim.url}/sim/v1/outage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ seconds: 2 }),
    });
    expect((await call('/antrean/add', add('DOWN0001'))).status).toBe(503);
    await eventually(
      async () => expect((await call('/antrean/add', add('DOWN0001'))).status).toBe(200),
      5_000,
      250,
    );
  });

  it('checks the patient identifiers of antrean/add as BPJS does', async () => {
    const refused = async (code: string, identity: Record<string, string>) =>
      (await call('/antrean/add', add(code, identity))).body.metadata;
    expect(await refused('IDBAD001', { nomorkartu: '' })).toEqual({
      code: 201,
      message: 'Nomor Kartu Belum Diisi',
    });
    expect((await refused('IDBAD002', { nomorkartu: '12345' })).message).toBe(
      'Format Nomor Kartu Tidak Sesuai',
    );
    expect((await refused('IDBAD003', { nik: '332901' })).message).toBe('Format NIK Tidak Sesuai');
    expect((await refused('IDBAD004', { nohp: 'nomor saya' })).message).toBe(
      'Format No HP Tidak Sesuai',
    );
    expect((await refused('IDBAD005', { jenispasien: 'NON JKN' })).message).toBe(
      'Nomor Kartu harus dikosongkan untuk pasien NON JKN',
    );
    expect(
      (await refused('IDBAD006', { jenispasien: 'NON JKN', nomorkartu: '', nik: '' })).message,
    ).toBe('NIK Belum Diisi');
    expect(await refused('IDOK0001', { jenispasien: 'NON JKN', nomorkartu: '' })).toEqual({
      code: 200,
      message: 'Ok.',
    });
    // What was received stays queryable by patient.
    const mine = await getJson<{ bookings: Array<{ kodebooking: string }> }>(
      `${sim.url}/sim/v1/received?nik=${nikFor(patient)}`,
    );
    expect(mine.body.bookings.map((b) => b.kodebooking)).toContain('IDOK0001');
    expect(mine.body.bookings.map((b) => b.kodebooking)).not.toContain('IDBAD003');
  });

  it('back-fills: calls BPJS refused earlier are sent again when a later one needs them', async () => {
    // A real booking (its identifiers live in queue-service); the bridge has no credentials for
    // the facility yet, so its add waits. Then its records are set as after refusals: add and
    // task 3 given up on, task 4 pending.
    await api.putFacility(F, TEST_HOSPITAL);
    const booked = await api.book(F, {
      poliCode: 'ANA',
      patient: { cardNumber: cardNumberFor(patient + 1), phone: phoneFor(patient + 1) },
    });
    expect(booked.status).toBe(201);
    const code = booked.body.bookingCode;
    await eventually(
      async () => {
        const r = await db.query(
          `SELECT 1 FROM antrol_call WHERE facility_code = $1 AND kodebooking = $2 AND kind = 'add'`,
          [F, code],
        );
        expect(r.rowCount).toBe(1);
      },
      30_000,
      300,
    );
    await db.query(
      `UPDATE antrol_call SET status = 'failed', last_code = 201, last_message = 'refused earlier'
       WHERE facility_code = $1 AND kodebooking = $2 AND kind = 'add'`,
      [F, code],
    );
    const put = await serviceFetch(`${bridge.url}/v1/facilities/${F}/bpjs-credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: antrol }),
    });
    expect(put.status).toBe(200);
    const t = Date.now();
    const row = (
      kind: string,
      taskId: number | null,
      dedupe: string,
      path: string,
      body: unknown,
      status: string,
    ) =>
      db.query(
        `INSERT INTO antrol_call (facility_code, kodebooking, kind, task_id, dedupe_key, path, body, status, last_code, last_message)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10)`,
        [
          F,
          code,
          kind,
          taskId,
          dedupe,
          path,
          JSON.stringify(body),
          status,
          status === 'failed' ? 201 : null,
          status === 'failed' ? 'refused earlier' : null,
        ],
      );
    await row(
      'updatewaktu',
      3,
      'task:3',
      '/antrean/updatewaktu',
      { kodebooking: code, taskid: 3, waktu: t },
      'failed',
    );
    await row(
      'updatewaktu',
      4,
      'task:4',
      '/antrean/updatewaktu',
      { kodebooking: code, taskid: 4, waktu: t + 1000 },
      'pending',
    );

    await eventually(
      async () => {
        const got = await getJson<{
          bookings: Array<{ add: Record<string, unknown>; tasks: Array<{ taskid: number }> }>;
        }>(`${sim.url}/sim/v1/received?kodebooking=${code}`);
        expect(got.body.bookings[0]?.tasks.map((x) => x.taskid)).toEqual([3, 4]);
        expect(got.body.bookings[0]?.add).toMatchObject({ nomorkartu: cardNumberFor(patient + 1) });
      },
      20_000,
      300,
    );
    const view = await getJson<{ counts: Record<string, number> }>(
      `${bridge.url}/v1/facilities/${F}/antrol?kodebooking=${code}`,
    );
    expect(view.body.counts).toEqual({ pending: 0, failed: 0, sent: 3 });
  });

  it('stops back-filling a call BPJS refuses for its content, and fails what waits on it', async () => {
    // A booking and its cancellation wait at a facility with no credentials yet. Its add is then
    // made one BPJS refuses every time (JKN without a card number), and the credentials come: the
    // cancellation (task 99) needs the add first.
    const G = '9909R008';
    await api.putFacility(G, TEST_HOSPITAL);
    const booked = await api.book(G, {
      poliCode: 'ANA',
      patientType: 'NON_JKN',
      patient: { nik: nikFor(patient + 2), phone: phoneFor(patient + 2) },
    });
    expect([booked.status, booked.body.error]).toEqual([201, undefined]);
    const code = booked.body.bookingCode;
    expect((await api.ticketOp(code, 'cancel', { reason: 'Tidak jadi berobat' })).status).toBe(200);
    await eventually(
      async () => {
        const r = await db.query(
          `UPDATE antrol_call SET body = jsonb_set(body, '{jenispasien}', '"JKN"')
           WHERE facility_code = $1 AND kodebooking = $2 AND kind = 'add'`,
          [G, code],
        );
        expect(r.rowCount).toBe(1);
        const task = await db.query(
          `SELECT 1 FROM antrol_call WHERE facility_code = $1 AND kodebooking = $2 AND task_id = 99`,
          [G, code],
        );
        expect(task.rowCount).toBe(1);
      },
      30_000,
      300,
    );
    const put = await serviceFetch(`${bridge.url}/v1/facilities/${G}/bpjs-credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: antrol }),
    });
    expect(put.status).toBe(200);
    const view = async (status = '') =>
      (
        await getJson<{
          counts: Record<string, number>;
          calls: Array<{
            kind: string;
            status: string;
            lastMessage: string | null;
            lastError: string | null;
          }>;
        }>(`${bridge.url}/v1/facilities/${G}/antrol?kodebooking=${code}${status}`)
      ).body;
    await eventually(
      async () => expect((await view()).counts).toMatchObject({ pending: 0, failed: 2 }),
      20_000,
      300,
    );
    // (antrean/batal is answered "Antrean Tidak Ditemukan atau Sudah Dibatalkan": done.)
    const calls = (await view()).calls.filter((c) => c.kind !== 'batal');
    expect(calls.map((c) => [c.kind, c.status, c.lastMessage])).toEqual([
      ['add', 'failed', 'Nomor Kartu Belum Diisi'],
      ['updatewaktu', 'failed', 'Kode Booking tidak ditemukan'],
    ]);
    expect(calls[1].lastError).toMatch(/^blocked by call \d+, refused: Nomor Kartu Belum Diisi$/);
    // Refused, revived once by the cancellation, refused again: then left alone.
    const tries = async () =>
      (
        await getJson<{ calls: Array<{ path: string }> }>(
          `${sim.url}/sim/v1/received?kodebooking=${code}`,
        )
      ).body.calls.map((c) => c.path);
    const settled = await tries();
    expect(settled.filter((x) => x === '/antrean/add')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await tries()).toEqual(settled);
  });
});
