import { join } from 'node:path';
import Redis from 'ioredis';
import { Topic } from '@app/contracts';
import {
  cardNumberFor,
  eventually,
  nikFor,
  phoneFor,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  TEST_HOSPITAL,
  TEST_REDIS_URL,
  testStack,
  type TicketBody,
  TopicReader,
} from '@app/testing';

const ports = {
  gateway: 4300,
  'queue-service': 4301,
  'referral-service': 4302,
  'notification-service': 4303,
};
const F = '9902R001';

interface History {
  ticket: TicketBody & { source: string; priority: boolean };
  tasks: Array<{ taskId: number; at: number }>;
  transitions: Array<{ type: string }>;
}
interface Kpis {
  tickets: number;
  noShowRate: number;
  onlineShare: number;
  quotaUse: number;
  cancelled: number;
  stations: Array<{
    station: string;
    meanWaitMinutes: number | null;
    meanServiceMinutes: number | null;
    served: number;
  }>;
}

/**
 * A whole clinic day for one poli on a real queue-service with real Redis, Postgres and Kafka:
 * 50 bookings (online, kiosk walk-ins, desk with priority), cancellations, check-ins, two admisi
 * counters and two poli rooms calling at once, no-shows, transfers to farmasi, Redis flushed
 * mid-day, expiry at the end. Then every ticket's BPJS task sequence is checked, and the KPIs are
 * compared with a computation written independently here.
 */
describe('a clinic day at Poli Anak', () => {
  const settings = testStack(ports);
  // The day opens with 50 bookings sent at once: a test of the day, not of admission control.
  const queue = new ServiceProcess(
    'queue-service',
    settings,
    join(REPO_ROOT, '.infra/test-logs/clinic-day-queue.log'),
    { BOOKING_MAX_IN_FLIGHT: '0' },
  );
  const api = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  let events: TopicReader;

  beforeAll(async () => {
    await queue.start().waitReady();
    await api.putFacility(F, TEST_HOSPITAL);
    events = await new TopicReader(settings.kafkaBrokers, Topic.QueueTickets).start();
  });

  afterAll(async () => {
    await events?.stop();
    await queue.stop();
  });

  it('runs the day, keeps every task sequence in order, survives losing Redis, and reports true KPIs', async () => {
    // 1. Fifty bookings: 20 online (returning), 20 kiosk walk-ins (new patients, admisi first), 10 at the desk.
    const requests = Array.from({ length: 50 }, (_, i) => {
      const source = i < 20 ? 'online' : i < 40 ? 'kiosk' : 'desk';
      const jkn = i % 2 === 0;
      return {
        poliCode: 'ANA',
        source,
        patient: {
          ...(jkn ? { cardNumber: cardNumberFor(500 + i) } : { nik: nikFor(500 + i) }),
          ...(source === 'online' ? { phone: phoneFor(500 + i) } : {}),
          isNew: source === 'kiosk',
        },
        ...(source === 'desk' && i % 2 === 0
          ? { priority: { category: 'lansia', reason: 'usia 72 tahun' } }
          : {}),
      };
    });
    const booked = await Promise.all(requests.map((r) => api.book(F, r)));
    expect(booked.map((b) => b.status)).toEqual(Array(50).fill(201));
    const codes = booked.map((b) => b.body.bookingCode);

    // 2. Four cancel before check-in; six never come.
    const cancelled = [codes[1], codes[3], codes[21], codes[41]];
    for (const c of cancelled)
      expect((await api.ticketOp(c, 'cancel', { reason: 'berhalangan hadir' })).status).toBe(200);
    const neverCame = [codes[5], codes[7], codes[23], codes[25], codes[43], codes[45]];
    const arriving = codes.filter((c) => !cancelled.includes(c) && !neverCame.includes(c));
    for (const c of arriving) expect((await api.ticketOp(c, 'check-in')).status).toBe(200);
    const lateCancel = await api.ticketOp(arriving[0], 'cancel', { reason: 'coba batal' });
    expect([lateCancel.status, lateCancel.body.error?.code]).toEqual([
      409,
      'QUEUE.CANCEL_AFTER_CHECKIN',
    ]);

    // 3. Admisi: two counters call at once until the admisi line is empty; every new patient goes on to the poli.
    await drain(['A1', 'A2'], noop, async (counter) => {
      await expectOk(api.counterOp(F, counter, 'start'));
      await expectOk(api.counterOp(F, counter, 'finish'));
    });

    // 4. Poli: two rooms. Some patients do not show; one is sent back to the line; half go on to farmasi.
    let calls = 0;
    const finalNoShows: string[] = [];
    const toFarmasi: string[] = [];
    let flushedMidDay = false;
    const midDay = async (round: number) => {
      if (round !== 5) return;
      flushedMidDay = true;
      await flushRedisAndCompare(api);
    };
    await drain(['ANA-1', 'ANA-2'], midDay, async (counter, called) => {
      calls += 1;
      if (calls === 3 || calls === 8) {
        finalNoShows.push(called.bookingCode);
        return expectOk(api.counterOp(F, counter, 'no-show', { returnToQueue: false }));
      }
      if (calls === 5)
        return expectOk(api.counterOp(F, counter, 'no-show', { returnToQueue: true }));
      await expectOk(api.counterOp(F, counter, 'start'));
      const next = calls % 2 === 0 ? 'farmasi' : 'done';
      if (next === 'farmasi') toFarmasi.push(called.bookingCode);
      await expectOk(api.counterOp(F, counter, 'finish', { next }));
    });
    expect(flushedMidDay).toBe(true);

    // 5. Farmasi hands over the medicine.
    await drain(['F1'], noop, async (counter) => {
      await expectOk(api.counterOp(F, counter, 'start'));
      await expectOk(api.counterOp(F, counter, 'finish', { next: 'done' }));
    });

    // 6. End of day: whoever never checked in expires.
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString();
    const sweep = await serviceFetch(`${api.baseUrl}/internal/v1/jobs/expire-tickets`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: tomorrow }),
    });
    expect(sweep.status).toBe(200);

    // 7. Every ticket's history gives its task sequence, in order, with strictly increasing times.
    const histories = await Promise.all(
      codes.map(async (c) => (await api.get<History>(`/v1/tickets/${c}/history`)).body),
    );
    for (const h of histories) {
      const code = h.ticket.bookingCode;
      const ids = h.tasks.map((t) => t.taskId);
      const times = h.tasks.map((t) => t.at);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(times).size).toBe(times.length);
      const start = h.ticket.source === 'kiosk' ? [1, 2, 3] : [3];
      let expected: number[];
      if (cancelled.includes(code) || neverCame.includes(code)) expected = [99];
      else if (finalNoShows.includes(code)) expected = [...start, 99];
      else if (toFarmasi.includes(code)) expected = [...start, 4, 5, 6, 7];
      else expected = [...start, 4, 5];
      expect({ code, ids }).toEqual({ code, ids: expected });
    }

    // 8. KPIs equal an independent computation from the histories.
    const kpis = (await api.get<Kpis>(`/v1/facilities/${F}/kpis?poliCode=ANA`)).body;
    const mean = (xs: number[]) =>
      xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length / 60_000 : null;
    const delta = (h: History, a: number, b: number) => {
      const ta = h.tasks.find((t) => t.taskId === a)?.at;
      const tb = h.tasks.find((t) => t.taskId === b)?.at;
      return ta !== undefined && tb !== undefined ? [tb - ta] : [];
    };
    const expectClose = (actual: number | null, expected: number | null) =>
      expected === null ? expect(actual).toBeNull() : expect(actual).toBeCloseTo(expected, 6);
    for (const [station, wait, start, end] of [
      ['admisi', 1, 2, 3],
      ['poli', 3, 4, 5],
      ['farmasi', 5, 6, 7],
    ] as const) {
      const k = kpis.stations.find((s) => s.station === station)!;
      expectClose(k.meanWaitMinutes, mean(histories.flatMap((h) => delta(h, wait, start))));
      expectClose(k.meanServiceMinutes, mean(histories.flatMap((h) => delta(h, start, end))));
    }
    // The 51st ticket is the probe booked (and cancelled) right after Redis was flushed.
    expect(kpis.tickets).toBe(51);
    expect(kpis.cancelled).toBe(5);
    expectClose(kpis.noShowRate, (finalNoShows.length + neverCame.length) / (51 - 5));
    expectClose(kpis.onlineShare, 20 / 51);
    expectClose(kpis.quotaUse, (51 - 5) / (500 + 500));

    // 9. The events tell the same story: calls name the room, and "approaching" was announced.
    await eventually(() => {
      const types = events.messages
        .filter((m) => m.key === F)
        .map((m) => (JSON.parse(m.value) as { type: string }).type);
      expect(types.filter((t) => t === 'queue.ticket.booked')).toHaveLength(51); // with the probe
      expect(types).toEqual(
        expect.arrayContaining([
          'queue.ticket.called',
          'queue.ticket.approaching',
          'queue.ticket.transferred',
          'queue.ticket.expired',
        ]),
      );
      const tasks = types.filter((t) => t === 'queue.ticket.task-recorded').length;
      expect(tasks).toBe(histories.reduce((n, h) => n + h.tasks.length, 0) + 1); // the probe's 99
      return Promise.resolve();
    });
    const called = events.messages
      .filter((m) => m.key === F)
      .map((m) => JSON.parse(m.value) as { type: string; payload: { counter?: { name: string } } });
    expect(
      called.find(
        (e) => e.type === 'queue.ticket.called' && e.payload.counter?.name === 'Poli Anak ruang 2',
      ),
    ).toBeDefined();
  });

  it('calls priority patients first, then by arrival', async () => {
    const plain = await api.book(F, {
      poliCode: 'SAR',
      source: 'desk',
      patient: { nik: nikFor(9001) },
    });
    const urgent = await api.book(F, {
      poliCode: 'SAR',
      source: 'desk',
      patient: { nik: nikFor(9002) },
    });
    await api.ticketOp(plain.body.bookingCode, 'check-in');
    await api.ticketOp(urgent.body.bookingCode, 'check-in');
    const set = await api.ticketOp(urgent.body.bookingCode, 'priority', {
      category: 'hamil',
      reason: 'hamil 8 bulan',
    });
    expect(set.status).toBe(200);
    const first = await api.counterOp(F, 'SAR-1', 'call-next');
    expect(first.body.bookingCode).toBe(urgent.body.bookingCode);
  });

  /** Calls on all counters at once until the line is empty, handing each called ticket to `serve`. */
  async function drain(
    counters: string[],
    betweenRounds: (round: number) => Promise<void>,
    serve: (counter: string, called: TicketBody) => Promise<unknown>,
  ): Promise<void> {
    for (let round = 0; round < 100; round++) {
      await betweenRounds(round);
      const calls = await Promise.all(counters.map((c) => api.counterOp(F, c, 'call-next')));
      const got = calls
        .map((r, i) => [counters[i], r] as const)
        .filter(([, r]) => r.status === 200);
      for (const [, r] of calls.map((r, i) => [counters[i], r] as const)) {
        if (r.status !== 200) expect(r.body.error?.code).toBe('QUEUE.QUEUE_EMPTY');
      }
      if (got.length === 0) return;
      const ids = got.map(([, r]) => r.body.ticketId);
      expect(new Set(ids).size).toBe(ids.length);
      await Promise.all(got.map(([c, r]) => serve(c, r.body)));
    }
    throw new Error('line never emptied');
  }
});

const noop = () => Promise.resolve();

async function expectOk(p: Promise<{ status: number; body: unknown }>): Promise<void> {
  const r = await p;
  if (r.status !== 200) throw new Error(`expected 200, got ${r.status} ${JSON.stringify(r.body)}`);
}

/** Redis loses everything mid-day: the board and the next number must come back exactly as they were. */
async function flushRedisAndCompare(api: QueueClient): Promise<void> {
  const before = (await api.get<unknown>(`/v1/facilities/${F}/board`)).body;
  const redis = new Redis(TEST_REDIS_URL);
  await redis.flushdb();
  await redis.quit();
  const after = (await api.get<unknown>(`/v1/facilities/${F}/board`)).body;
  const strip = (b: unknown) =>
    JSON.parse(JSON.stringify(b, (k, v: unknown) => (k === 'at' ? undefined : v))) as unknown;
  expect(strip(after)).toEqual(strip(before));
  const probe = await api.book(F, {
    poliCode: 'ANA',
    source: 'desk',
    patient: { nik: nikFor(8888) },
  });
  expect(probe.body.queueNumber).toBe(51);
  expect(
    (
      await api.ticketOp(probe.body.bookingCode, 'cancel', {
        reason: 'uji nomor berikutnya',
        by: 'staff',
      })
    ).status,
  ).toBe(200);
}
