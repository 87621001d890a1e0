import { randomInt } from 'node:crypto';
import { cardNumberFor, getJson, nikFor, phoneFor, QueueClient } from '@app/testing';

/** What the BPJS simulator says it received (GET /sim/v1/received). */
export interface Received {
  bookings: Array<{
    kodebooking: string;
    add: {
      nomorantrean: string;
      jenispasien: string;
      nomorkartu?: string;
      nik?: string;
      nohp?: string;
      norm?: string;
    };
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
 * A clinic day at one facility reported to BPJS through queue-service → Kafka → bpjs-bridge →
 * bpjs-simulator, and the check that the simulator holds exactly queue-service's history. Shared
 * by the Antrol e2e test and the five-minute outage fault test.
 */
export class AntrolDay {
  /** What each booking gave, and so what BPJS must get in antrean/add. */
  readonly expectedIdentity = new Map<string, Record<string, string>>();
  private patient = 0;
  /** Random per run, so no other test file (or earlier run) shares these patients. */
  private readonly base = 600_000_000 + randomInt(0, 90_000_000);

  constructor(
    readonly api: QueueClient,
    readonly facility: string,
    readonly urls: { sim: string; bridge: string },
  ) {}

  /** Even patients are JKN (card, and a norm), odd ones NON JKN (NIK only). */
  async book(isNew: boolean, facility = this.facility): Promise<string> {
    const i = this.base + ++this.patient;
    const jkn = i % 2 === 0;
    const res = await this.api.book(facility, {
      poliCode: 'ANA',
      source: 'online',
      patient: {
        ...(jkn ? { cardNumber: cardNumberFor(i), norm: `RM-${i}` } : { nik: nikFor(i) }),
        phone: phoneFor(i),
        isNew,
      },
    });
    expect(res.status).toBe(201);
    this.expectedIdentity.set(res.body.bookingCode, {
      jenispasien: jkn ? 'JKN' : 'NON JKN',
      nomorkartu: jkn ? cardNumberFor(i) : '',
      nik: jkn ? '' : nikFor(i),
      nohp: phoneFor(i),
      norm: jkn ? `RM-${i}` : '',
    });
    return res.body.bookingCode;
  }

  async cancel(code: string, reason: string): Promise<void> {
    expect((await this.api.ticketOp(code, 'cancel', { reason })).status).toBe(200);
  }

  async checkIn(codes: string[]): Promise<void> {
    for (const c of codes) expect((await this.api.ticketOp(c, 'check-in')).status).toBe(200);
  }

  /** Calls until the counter's line is empty; `serve` decides what happens to each patient. */
  async drain(counter: string, serve: (n: number) => Record<string, string>): Promise<void> {
    const F = this.facility;
    for (let n = 0; ; n++) {
      const called = await this.api.counterOp(F, counter, 'call-next');
      if (called.status !== 200 || !called.body.bookingCode) return;
      expect((await this.api.counterOp(F, counter, 'start')).status).toBe(200);
      expect((await this.api.counterOp(F, counter, 'finish', serve(n))).status).toBe(200);
    }
  }

  /** Check-in, admisi, poli (every other patient on to farmasi), farmasi. */
  async runDay(codes: string[]): Promise<void> {
    await this.checkIn(codes);
    await this.drain('A1', () => ({}));
    await this.drain('ANA-1', (n) => ({ next: n % 2 === 0 ? 'farmasi' : 'done' }));
    await this.drain('F1', () => ({ next: 'done' }));
  }

  async received(): Promise<Received> {
    return (await getJson<Received>(`${this.urls.sim}/sim/v1/received`)).body;
  }

  /** The simulator holds exactly our history: every booking, every task id in order, once. */
  async expectSimulatorEqualsHistory(codes: string[], cancelled: string[]): Promise<void> {
    const received = await this.received();
    for (const code of [...codes, ...cancelled]) {
      const history = (await getJson<History>(`${this.api.baseUrl}/v1/tickets/${code}/history`))
        .body;
      const got = received.bookings.find((b) => b.kodebooking === code);
      expect({ code, add: got !== undefined }).toEqual({ code, add: true });
      // The patient's identifiers reached BPJS exactly as booked (JKN / NON JKN rules).
      const { jenispasien, nomorkartu, nik, nohp, norm } = got!.add;
      expect({ code, identity: { jenispasien, nomorkartu, nik, nohp, norm } }).toEqual({
        code,
        identity: this.expectedIdentity.get(code),
      });
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
      `${this.urls.bridge}/v1/facilities/${this.facility}/antrol`,
    );
    expect(view.body.counts).toMatchObject({ pending: 0, failed: 0 });
  }

  /**
   * Counts for a fault report: Antrol records our history holds for these bookings (add, each
   * task, batal, farmasi), how many the simulator accepted, how many are missing there, and how
   * many it accepted more than once.
   */
  async tally(
    codes: string[],
    cancelled: string[],
  ): Promise<{ requests: number; accepted: number; lost: number; duplicated: number }> {
    const received = await this.received();
    const all = [...codes, ...cancelled];
    const ours = new Set(all);
    let requests = 0;
    let lost = 0;
    for (const code of all) {
      const history = (await getJson<History>(`${this.api.baseUrl}/v1/tickets/${code}/history`))
        .body;
      const got = received.bookings.find((b) => b.kodebooking === code);
      const expected = [
        'add',
        ...history.tasks.map((t) => `task:${t.taskId}:${t.at}`),
        ...(cancelled.includes(code) ? ['batal'] : []),
      ];
      const have = new Set([
        ...(got ? ['add'] : []),
        ...(got?.tasks.map((t) => `task:${t.taskid}:${t.waktu}`) ?? []),
        ...(got?.batal ? ['batal'] : []),
      ]);
      requests += expected.length + (got?.farmasi ? 1 : 0);
      lost += expected.filter((e) => !have.has(e)).length;
    }
    const accepted = received.calls
      .filter((c) => c.code === 200 && c.kodebooking !== undefined && ours.has(c.kodebooking))
      .map((c) => `${c.path} ${c.kodebooking} ${c.body.taskid ?? ''}`);
    return {
      requests,
      accepted: new Set(accepted).size,
      lost,
      duplicated: accepted.length - new Set(accepted).size,
    };
  }
}
