import { join } from 'node:path';
import {
  cardNumberFor,
  eventually,
  getJson,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  TEST_HOSPITAL,
  testStack,
} from '@app/testing';

const ports = {
  gateway: 5000,
  'queue-service': 5001,
  'referral-service': 5002,
  'notification-service': 5003,
  'bpjs-bridge': 5005,
  'bpjs-simulator': 5090,
};
const F = '9905R001';
/** "Five minutes" of BPJS downtime, scaled down to 20 s for the test. */
const OUTAGE_SECONDS = 20;

interface Received {
  bookings: Array<{
    kodebooking: string;
    add: { nomorantrean: string; jenispasien: string };
    tasks: Array<{ taskid: number; waktu: number }>;
    batal?: unknown;
    farmasi?: unknown;
  }>;
  calls: Array<{ path: string; kodebooking?: string; body: { taskid?: number }; code: number }>;
}
interface History {
  tasks: Array<{ taskId: number; at: number }>;
}

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
  let patient = 0;

  beforeAll(async () => {
    for (const p of procs) p.start();
    await Promise.all(procs.map((p) => p.waitReady()));
    await api.putFacility(F, TEST_HOSPITAL);
    const put = await fetch(`${bridge}/v1/facilities/${F}/bpjs-credentials`, {
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
    await Promise.all(procs.map((p) => p.stop()));
  });

  const book = async (isNew: boolean): Promise<string> => {
    const i = ++patient;
    const res = await api.book(F, {
      poliCode: 'ANA',
      source: 'online',
      patient: {
        ...(i % 2 === 0 ? { cardNumber: cardNumberFor(700 + i) } : { nik: nikFor(700 + i) }),
        phone: phoneFor(700 + i),
        isNew,
      },
    });
    expect(res.status).toBe(201);
    return res.body.bookingCode;
  };

  /** Calls until the counter's line is empty; `serve` decides what happens to each patient. */
  const drain = async (counter: string, serve: (n: number) => Record<string, string>) => {
    for (let n = 0; ; n++) {
      const called = await api.counterOp(F, counter, 'call-next');
      if (called.status !== 200 || !called.body.bookingCode) return;
      expect((await api.counterOp(F, counter, 'start')).status).toBe(200);
      expect((await api.counterOp(F, counter, 'finish', serve(n))).status).toBe(200);
    }
  };

  const runDay = async (codes: string[]) => {
    for (const c of codes) expect((await api.ticketOp(c, 'check-in')).status).toBe(200);
    await drain('A1', () => ({}));
    await drain('ANA-1', (n) => ({ next: n % 2 === 0 ? 'farmasi' : 'done' }));
    await drain('F1', () => ({ next: 'done' }));
  };

  /** The simulator holds exactly our history: every booking, every task id in order, once. */
  const expectSimulatorEqualsHistory = async (codes: string[], cancelled: string[]) => {
    const received = (await getJson<Received>(`${sim}/sim/v1/received`)).body;
    for (const code of [...codes, ...cancelled]) {
      const history = (await getJson<History>(`${api.baseUrl}/v1/tickets/${code}/history`)).body;
      const got = received.bookings.find((b) => b.kodebooking === code);
      expect({ code, add: got !== undefined }).toEqual({ code, add: true });
      expect({ code, tasks: got?.tasks.map((t) => [t.taskid, t.waktu]) }).toEqual({
        code,
        tasks: history.tasks.map((t) => [t.taskId, t.at]),
      });
    }
    for (const code of cancelled)
      expect(received.bookings.find((b) => b.kodebooking === code)?.batal).toBeDefined();
    // Accepted calls are unique: nothing reached BPJS twice.
    const accepted = received.calls
      .filter((c) => c.code === 200)
      .map((c) => `${c.path} ${c.kodebooking} ${c.body.taskid ?? ''}`);
    expect(new Set(accepted).size).toBe(accepted.length);
    const view = await getJson<{ counts: Record<string, number> }>(
      `${bridge}/v1/facilities/${F}/antrol`,
    );
    expect(view.body.counts).toMatchObject({ pending: 0, failed: 0 });
  };

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
});
