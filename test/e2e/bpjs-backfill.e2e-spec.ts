import { createDecipheriv, createHash, createHmac } from 'node:crypto';
import { join } from 'node:path';
import * as LZString from 'lz-string';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import {
  eventually,
  getJson,
  REPO_ROOT,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  TEST_DATABASES,
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
const F = '9906R001';
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
  const antrol = simulatedAntrolUrl(settings);
  const db = new Client(pgPoolConfigFromUrl(testDatabaseUrl(TEST_DATABASES.bpjsBridge)));

  const call = async (
    path: string,
    body: unknown,
    headers: Partial<Record<string, string>> = {},
  ): Promise<{ ts: string; status: number; body: Envelope }> => {
    const ts = String(Math.floor(Date.now() / 1000));
    const res = await fetch(`${antrol}${path}`, {
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

  const add = (kodebooking: string) => ({
    kodebooking,
    jenispasien: 'JKN',
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
    await Promise.all([sim.waitReady(), bridge.waitReady()]);
    await db.connect();
  });

  afterAll(async () => {
    await db.end();
    await Promise.all([sim.stop(), bridge.stop()]);
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

    await fetch(`${sim.url}/sim/v1/outage`, {
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

  it('back-fills: calls BPJS refused earlier are sent again when a later one needs them', async () => {
    const put = await fetch(`${bridge.url}/v1/facilities/${F}/bpjs-credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: antrol }),
    });
    expect(put.status).toBe(200);
    // The bridge's own records: add and task 3 given up on (as after a refusal), task 4 pending.
    const code = 'BACKFILL01';
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
    await row('add', null, 'add', '/antrean/add', add(code), 'failed');
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
        const got = await getJson<{ bookings: Array<{ tasks: Array<{ taskid: number }> }> }>(
          `${sim.url}/sim/v1/received?kodebooking=${code}`,
        );
        expect(got.body.bookings[0]?.tasks.map((x) => x.taskid)).toEqual([3, 4]);
      },
      20_000,
      300,
    );
    const view = await getJson<{ counts: Record<string, number> }>(
      `${bridge.url}/v1/facilities/${F}/antrol?kodebooking=${code}`,
    );
    expect(view.body.counts).toEqual({ pending: 0, failed: 0, sent: 3 });
  });
});
