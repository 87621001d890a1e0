import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  eventually,
  getJson,
  postJson,
  QueueClient,
  recordFaultResults,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  TEST_HOSPITAL,
  testStack,
} from '@app/testing';
import { AntrolDay } from '../e2e/bpjs-day';

const ports = {
  gateway: 5620,
  'queue-service': 5621,
  'referral-service': 5622,
  'notification-service': 5623,
  'bpjs-bridge': 5625,
  'bpjs-simulator': 5626,
};
const F = '9909R001';
/** The real thing: BPJS Antrol answering 503 for five minutes. */
const OUTAGE_SECONDS = 300;
/** The clinic day's waves are spread over the outage, one every this many seconds. */
const WAVE_GAP_MS = 50_000;

jest.setTimeout(20 * 60_000);

/**
 * "With the simulator down for five minutes, nothing is lost", unscaled. While BPJS Antrol
 * answers 503, a clinic day happens in waves (bookings, a cancellation, check-in, admisi, poli,
 * farmasi); the bridge retries with backoff. After BPJS comes back every record reaches it in
 * order and equals queue-service's history, and nothing is accepted twice.
 */
describe('BPJS Antrol down for five minutes', () => {
  const settings = testStack(ports);
  const logs = join(REPO_ROOT, '.infra/test-logs/bpjs-outage');
  const procs = (['queue-service', 'bpjs-simulator', 'bpjs-bridge'] as const).map(
    (n) =>
      new ServiceProcess(n, settings, join(logs, `${n}.log`), {
        // Production-like backoff, capped at 30 s so the test ends soon after BPJS is back.
        ANTROL_RETRY_BASE_MS: '1000',
        ANTROL_RETRY_MAX_MS: '30000',
        ANTROL_POLL_INTERVAL_MS: '250',
      }),
  );
  const api = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  const sim = `http://127.0.0.1:${ports['bpjs-simulator']}`;
  const bridge = `http://127.0.0.1:${ports['bpjs-bridge']}`;
  const day = new AntrolDay(api, F, { sim, bridge });

  beforeAll(async () => {
    for (const p of procs) p.start();
    await Promise.all(procs.map((p) => p.waitReady()));
    await api.putFacility(F, TEST_HOSPITAL);
    const put = await serviceFetch(`${bridge}/v1/facilities/${F}/bpjs-credentials`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
    });
    expect(put.status).toBe(200);
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop()));
  });

  it('loses nothing and duplicates nothing across a real five-minute outage', async () => {
    const outage = await postJson<{ until: string }>(`${sim}/sim/v1/outage`, {
      seconds: OUTAGE_SECONDS,
    });
    expect(outage.status).toBe(200);
    const outageEnds = Date.parse(outage.body.until);
    const started = Date.now();
    const wave = async (n: number) => {
      // Pacing only (what happens when); nothing below asserts on timing.
      const at = started + n * WAVE_GAP_MS;
      if (Date.now() < at) await sleep(at - Date.now());
    };

    // Wave 0: the morning's bookings (two new patients go through admisi).
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push(await day.book(i < 2));
    const cancelled = [await day.book(false)];
    await wave(1);
    await day.cancel(cancelled[0], 'batal saat BPJS down');
    await day.checkIn(codes);
    await day.drain('A1', () => ({}));
    await wave(2);
    await day.drain('ANA-1', (n) => ({ next: n % 2 === 0 ? 'farmasi' : 'done' }));
    await wave(3);
    // Late bookings while BPJS is still down, served straight away.
    const late: string[] = [];
    for (let i = 0; i < 4; i++) late.push(await day.book(false));
    await day.checkIn(late);
    await day.drain('ANA-1', (n) => ({ next: n % 2 === 0 ? 'farmasi' : 'done' }));
    await wave(4);
    await day.drain('F1', () => ({ next: 'done' }));
    const all = [...codes, ...late];

    // The whole day happened while BPJS was down: the bridge holds it all, failing none.
    const state = await getJson<{ active: boolean }>(`${sim}/sim/v1/outage`);
    expect(state.body.active).toBe(true);
    const during = await getJson<{ counts: Record<string, number> }>(
      `${bridge}/v1/facilities/${F}/antrol`,
    );
    expect(during.body.counts.failed).toBe(0);
    expect(during.body.counts.sent ?? 0).toBe(0);
    const heldCalls = during.body.counts.pending;
    expect((await day.received()).bookings).toEqual([]);

    // After BPJS is back, all of it arrives, in order, equal to our history.
    await eventually(
      () => day.expectSimulatorEqualsHistory(all, cancelled),
      Math.max(0, outageEnds - Date.now()) + 5 * 60_000,
      2_000,
    );
    const t = await day.tally(all, cancelled);
    expect(t.lost).toBe(0);
    expect(t.duplicated).toBe(0);
    recordFaultResults('bpjs-outage', [
      {
        fault: 'BPJS Antrol answers 503 for 5 min (clinic day of 15 bookings meanwhile)',
        requests: t.requests,
        accepted: t.accepted,
        lost: t.lost,
        duplicated: t.duplicated,
        notes:
          `${heldCalls} Antrol calls held by bpjs-bridge during the outage (none failed); ` +
          `all delivered in order ${Math.round((Date.now() - outageEnds) / 1000)} s after BPJS came back`,
      },
    ]);
  });
});
