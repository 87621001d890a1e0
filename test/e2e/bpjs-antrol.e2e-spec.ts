import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import {
  DEMO_INTERNAL_API_TOKEN,
  eventually,
  getJson,
  postJson,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  TEST_HOSPITAL,
  testStack,
} from '@app/testing';
import { AntrolDay, type Received } from './bpjs-day';

const ports = {
  gateway: 5000,
  'queue-service': 5001,
  'referral-service': 5002,
  'notification-service': 5003,
  'bpjs-bridge': 5005,
  'bpjs-simulator': 5090,
};
const F = '9909R006';
/** A facility of its own for the "queue-service unreachable" test (credentials given late). */
const F_LATE = '9909R003';
/** And one where a booking has no stored identity (as a referral booking). */
const F_NO_ID = '9909R004';
/** "Five minutes" of BPJS downtime, scaled down to 20 s for the test. */
const OUTAGE_SECONDS = 20;

/**
 * queue-service → Kafka → bpjs-bridge → bpjs-simulator, all real processes: a small clinic day
 * reaches the simulated BPJS with every task id in order, equal to queue-service's history, and a
 * BPJS outage loses nothing and duplicates nothing.
 */
describe('BPJS Antrol reporting', () => {
  const settings = testStack(ports);
  const logs = join(REPO_ROOT, '.infra/test-logs/bpjs-antrol');
  const procs = (['queue-service', 'bpjs-simulator', 'bpjs-bridge'] as const).map(
    (n) =>
      new ServiceProcess(n, settings, join(logs, `${n}.log`), {
        ANTROL_RETRY_BASE_MS: '200',
        ANTROL_RETRY_MAX_MS: '3000',
        ANTROL_POLL_INTERVAL_MS: '100',
      }),
  );
  const api = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  const sim = `http://127.0.0.1:${ports['bpjs-simulator']}`;
  const bridge = `http://127.0.0.1:${ports['bpjs-bridge']}`;
  const day = new AntrolDay(api, F, { sim, bridge });
  const { expectedIdentity } = day;
  const book = (isNew: boolean, facility = F) => day.book(isNew, facility);
  const runDay = (codes: string[]) => day.runDay(codes);
  const expectSimulatorEqualsHistory = (codes: string[], cancelled: string[]) =>
    day.expectSimulatorEqualsHistory(codes, cancelled);
  const queueDb = new Client(pgPoolConfigFromUrl(settings.databaseUrls.queue));
  const bridgeDb = new Client(pgPoolConfigFromUrl(settings.databaseUrls.bpjsBridge!));

  beforeAll(async () => {
    for (const p of procs) p.start();
    await Promise.all(procs.map((p) => p.waitReady()));
    await Promise.all([queueDb.connect(), bridgeDb.connect()]);
    await api.putFacility(F, TEST_HOSPITAL);
    const put = await serviceFetch(`${bridge}/v1/facilities/${F}/bpjs-credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
    });
    expect(put.status).toBe(200);
    const shown = await getJson<Record<string, unknown>>(
      `${bridge}/v1/facilities/${F}/bpjs-credentials`,
    );
    expect(shown.body).not.toHaveProperty('secret');
    expect(shown.body).not.toHaveProperty('userKey');
  });

  afterAll(async () => {
    await Promise.all([queueDb.end(), bridgeDb.end()]);
    await Promise.all(procs.map((p) => p.stop()));
  });

  const internalIdentity = (code: string, headers: Record<string, string>, query = 'purpose=e2e') =>
    serviceFetch(`${api.baseUrl}/internal/v1/tickets/${code}/patient-identity?${query}`, {
      headers,
    });

  it('reports a clinic day to BPJS in order: the simulator holds exactly our history', async () => {
    const codes = [await book(true), await book(true)];
    for (let i = 0; i < 7; i++) codes.push(await book(false));
    const cancelled = [await book(false)];
    expect(
      (await api.ticketOp(cancelled[0], 'cancel', { reason: 'berhalangan hadir' })).status,
    ).toBe(200);
    await runDay(codes);

    await eventually(() => expectSimulatorEqualsHistory(codes, cancelled), 60_000, 500);
    const received = (await getJson<Received>(`${sim}/sim/v1/received`)).body;
    const withFarmasi = received.bookings.filter((b) => codes.includes(b.kodebooking) && b.farmasi);
    expect(withFarmasi.length).toBeGreaterThan(0);
    const anyTasks = received.bookings.flatMap((b) => b.tasks.map((t) => t.taskid));
    for (const t of [1, 2, 3, 4, 5, 6, 7, 99]) expect(anyTasks).toContain(t);
  });

  it(`loses nothing while BPJS is down (${OUTAGE_SECONDS} s standing in for five minutes)`, async () => {
    const outage = await postJson(`${sim}/sim/v1/outage`, { seconds: OUTAGE_SECONDS });
    expect(outage.status).toBe(200);
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) codes.push(await book(i === 0));
    const cancelled = [await book(false)];
    expect(
      (await api.ticketOp(cancelled[0], 'cancel', { reason: 'batal saat BPJS down' })).status,
    ).toBe(200);
    await runDay(codes);

    // While BPJS is down the bridge keeps the calls pending, failing none.
    await eventually(
      async () => {
        const view = await getJson<{
          counts: Record<string, number>;
          calls: Array<{ attempts: number }>;
        }>(`${bridge}/v1/facilities/${F}/antrol?status=pending`);
        expect(view.body.counts.pending).toBeGreaterThan(0);
        expect(view.body.counts.failed).toBe(0);
        expect(view.body.calls.some((c) => c.attempts > 0)).toBe(true);
      },
      15_000,
      300,
    );
    const during = (await getJson<Received>(`${sim}/sim/v1/received`)).body;
    expect(during.bookings.some((b) => codes.includes(b.kodebooking))).toBe(false);

    await eventually(
      () => expectSimulatorEqualsHistory(codes, cancelled),
      (OUTAGE_SECONDS + 60) * 1000,
      500,
    );
  });

  it('keeps identifiers encrypted, out of logs and events, and audits every read', async () => {
    const codes = [...expectedIdentity.keys()];
    expect(codes.length).toBeGreaterThan(10);
    const raw = [...expectedIdentity.values()].flatMap((e) =>
      [e.nik, e.nomorkartu].filter((v) => v !== ''),
    );

    // At rest: no plain NIK or card number in queue-service's identity table, nor in the bridge's calls.
    const stored = JSON.stringify((await queueDb.query('SELECT * FROM patient_identity')).rows);
    const calls = JSON.stringify((await bridgeDb.query('SELECT body FROM antrol_call')).rows);
    const events = JSON.stringify((await queueDb.query('SELECT envelope FROM outbox_event')).rows);
    for (const v of raw) {
      expect(stored).not.toContain(v);
      expect(calls).not.toContain(v);
      expect(events).not.toContain(v);
    }
    // Nor in any service's log.
    for (const n of ['queue-service', 'bpjs-bridge'])
      for (const v of raw) expect(readFileSync(join(logs, `${n}.log`), 'utf8')).not.toContain(v);

    // The bridge read each booking's identity once per antrean/add, and said who and why.
    const audit = await queueDb.query<{ booking_code: string; accessor: string; purpose: string }>(
      `SELECT t.booking_code, a.accessor, a.purpose FROM identity_access a
       JOIN ticket t ON t.id = a.ticket_id WHERE t.facility_code = $1`,
      [F],
    );
    for (const code of codes)
      expect(audit.rows.filter((r) => r.booking_code === code)).toContainEqual({
        booking_code: code,
        accessor: 'bpjs-bridge',
        purpose: 'antrol-add',
      });

    // The internal endpoint: the right Bearer token only, 401 with a stable code otherwise.
    const code = codes[0];
    // '' = no Authorization header at all (the helpers would otherwise send the service token).
    for (const auth of [
      '',
      'Bearer wrong-token-of-enough-length-0123456789',
      DEMO_INTERNAL_API_TOKEN,
    ]) {
      const res = await internalIdentity(code, { 'x-caller': 'e2e', authorization: auth });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: 'COMMON.SERVICE_AUTH_REQUIRED' } });
    }
    const ok = { authorization: `Bearer ${DEMO_INTERNAL_API_TOKEN}` };
    expect((await internalIdentity(code, ok)).status).toBe(400); // who is reading: required
    expect((await internalIdentity(code, { ...ok, 'x-caller': 'e2e' }, '')).status).toBe(400);
    const missing = await internalIdentity('ZZZZ99999999', { ...ok, 'x-caller': 'e2e' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'QUEUE.TICKET_NOT_FOUND' } });
    const before = await queueDb.query(`SELECT count(*)::int AS n FROM identity_access`);
    const read = await internalIdentity(
      code,
      { ...ok, 'x-caller': 'desk:petugas-01' },
      'purpose=e2e-check',
    );
    expect(read.status).toBe(200);
    const e = expectedIdentity.get(code)!;
    expect(await read.json()).toEqual({
      bookingCode: code,
      patientType: e.jenispasien === 'JKN' ? 'JKN' : 'NON_JKN',
      nik: e.nik || null,
      nomorkartu: e.nomorkartu || null,
      nohp: e.nohp,
      norm: e.norm || null,
    });
    const after = await queueDb.query(
      `SELECT count(*)::int AS n FROM identity_access WHERE accessor = 'desk:petugas-01' AND purpose = 'e2e-check'`,
    );
    expect(after.rows[0].n).toBe(1);
    expect((await queueDb.query(`SELECT count(*)::int AS n FROM identity_access`)).rows[0].n).toBe(
      before.rows[0].n + 1,
    ); // refused reads read nothing, so they leave no row
  });

  it('waits for queue-service when it cannot read the identity: the add is retried, not lost', async () => {
    await api.putFacility(F_LATE, TEST_HOSPITAL);
    const code = await book(false, F_LATE);
    // No credentials yet: the bridge holds the add pending.
    await eventually(
      async () => {
        const v = await getJson<{ counts: Record<string, number> }>(
          `${bridge}/v1/facilities/${F_LATE}/antrol?kodebooking=${code}`,
        );
        expect(v.body.counts.pending).toBe(1);
      },
      30_000,
      300,
    );
    const queue = procs[0];
    await queue.stop();
    try {
      const put = await serviceFetch(`${bridge}/v1/facilities/${F_LATE}/bpjs-credentials`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
      });
      expect(put.status).toBe(200);
      await eventually(
        async () => {
          const v = await getJson<{
            counts: Record<string, number>;
            calls: Array<{ lastError: string | null; attempts: number }>;
          }>(`${bridge}/v1/facilities/${F_LATE}/antrol?kodebooking=${code}&status=pending`);
          expect(v.body.counts).toMatchObject({ pending: 1, failed: 0 });
          expect(v.body.calls[0].lastError).toMatch(/queue-service identity/);
        },
        30_000,
        300,
      );
    } finally {
      await queue.start().waitReady();
    }
    await eventually(
      async () => {
        const got = await getJson<Received>(`${sim}/sim/v1/received?kodebooking=${code}`);
        const { nomorkartu, nik, nohp, norm, jenispasien } = got.body.bookings[0]?.add ?? {};
        expect({ jenispasien, nomorkartu, nik, nohp, norm }).toEqual(expectedIdentity.get(code));
      },
      60_000,
      500,
    );
  });

  it('sends an add without stored identifiers as it is, and BPJS judges it', async () => {
    await api.putFacility(F_NO_ID, TEST_HOSPITAL);
    const codes = [await book(false, F_NO_ID), await book(false, F_NO_ID)];
    await eventually(
      async () => {
        const v = await getJson<{ counts: Record<string, number> }>(
          `${bridge}/v1/facilities/${F_NO_ID}/antrol`,
        );
        expect(v.body.counts.pending).toBe(2);
      },
      30_000,
      300,
    );
    await queueDb.query(
      `DELETE FROM patient_identity WHERE ticket_id IN (SELECT id FROM ticket WHERE booking_code = ANY($1))`,
      [codes],
    );
    const put = await serviceFetch(`${bridge}/v1/facilities/${F_NO_ID}/bpjs-credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
    });
    expect(put.status).toBe(200);
    // Empty identifiers go out; BPJS refuses them for good (no endless retry), with its reason.
    await eventually(
      async () => {
        const v = await getJson<{
          counts: Record<string, number>;
          calls: Array<{ kodebooking: string; lastMessage: string | null }>;
        }>(`${bridge}/v1/facilities/${F_NO_ID}/antrol?status=failed`);
        expect(v.body.counts).toMatchObject({ pending: 0, failed: 2 });
        const why = new Map(v.body.calls.map((c) => [c.kodebooking, c.lastMessage]));
        for (const code of codes)
          expect(why.get(code)).toBe(
            expectedIdentity.get(code)!.jenispasien === 'JKN'
              ? 'Nomor Kartu Belum Diisi'
              : 'NIK Belum Diisi',
          );
      },
      30_000,
      300,
    );
  });
});
