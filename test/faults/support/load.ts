import { randomInt, randomUUID } from 'node:crypto';
import { nikFor, phoneFor, serviceFetch } from '@app/testing';

/** What a client finally learnt about one request it sent (retrying while the answer was unknown). */
export type Outcome = 'accepted' | 'refused' | 'unknown';

export interface BookingRecord {
  phase: string;
  idempotencyKey: string;
  phone: string;
  outcome: Outcome;
  status?: number;
  bookingCode?: string;
  queueNumber?: number;
  attempts: number;
  checkedIn?: boolean;
  body?: unknown;
}

export interface ReferralRecord {
  phase: string;
  tag: string;
  outcome: Outcome;
  id?: string;
  /** The state the client last saw it reach. */
  status?: string;
  attempts: number;
}

export interface LoadTargets {
  gateway: string;
  queue: string;
  referral: string;
  facility: string;
  poli: string;
  counters: string[];
  puskesmas: string;
  hospital: string;
  hospitalDoctor: string;
}

interface Answer<T> {
  status: number;
  body: T;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The shortest a front-desk round (check-in, call, start, finish) takes. */
const DESK_ROUND_MS = 2_000;

/**
 * Sends a request until it gets a definite answer: a network error, a 5xx or a timeout leaves
 * the outcome unknown, so it is sent again (same body, same headers: same Idempotency-Key), as a
 * well-behaved client does. Gives up only after `budgetMs`.
 */
async function untilDefinite<T>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> },
  budgetMs = 120_000,
): Promise<{ answer: Answer<T> | null; attempts: number }> {
  const deadline = Date.now() + budgetMs;
  let attempts = 0;
  let wait = 200;
  while (Date.now() < deadline) {
    attempts += 1;
    try {
      const res = await serviceFetch(url, {
        method: init.method ?? 'POST',
        headers: { 'content-type': 'application/json', ...(init.headers ?? {}) },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal: AbortSignal.timeout(15_000),
      });
      const text = await res.text();
      if (res.status < 500) {
        return {
          answer: { status: res.status, body: (text ? JSON.parse(text) : null) as T },
          attempts,
        };
      }
    } catch {
      /* connection refused or reset, or timed out: unknown */
    }
    // Exponential backoff with jitter: a crowd of retrying clients must not keep a recovering
    // service down.
    await sleep(wait / 2 + Math.random() * (wait / 2));
    wait = Math.min(wait * 2, 5_000);
  }
  return { answer: null, attempts };
}

/**
 * Steady traffic while faults happen: patients book through the gateway, the front desk checks
 * them in, calls, serves and finishes them, and a puskesmas refers patients to a hospital that
 * receives and accepts them. Every request and its final outcome is kept for the invariants.
 */
export class SteadyLoad {
  readonly bookings: BookingRecord[] = [];
  readonly referrals: ReferralRecord[] = [];
  /** Front-desk calls: sent, done (2xx), refused (4xx: nobody waiting, already done). */
  readonly desk = { sent: 0, ok: 0, refused: 0 };
  private running = false;
  private phase = 'warm-up';
  private readonly inflight = new Set<Promise<unknown>>();
  private loops: Promise<void>[] = [];
  private readonly serial = 700_000_000 + randomInt(0, 90_000_000);
  private patient = 0;

  constructor(
    private readonly t: LoadTargets,
    private readonly rates: { bookingsPerSec: number; referralsPerSec: number },
  ) {}

  setPhase(phase: string): void {
    this.phase = phase;
  }

  start(): void {
    this.running = true;
    this.loops = [
      this.every(1000 / this.rates.bookingsPerSec, () => this.book()),
      this.every(1000 / this.rates.referralsPerSec, () => this.refer()),
      ...this.t.counters.map((c) => this.frontDesk(c)),
    ];
  }

  /** Stops sending new requests and waits until every request sent has a definite answer. */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    while (this.inflight.size) await Promise.all([...this.inflight]);
    // A client that ran out of patience during the fault asks again once things are quiet, with
    // the same key: only then is an unanswered request judged.
    for (const b of this.bookings.filter((x) => x.outcome === 'unknown')) await this.resend(b);
  }

  private async resend(rec: BookingRecord): Promise<void> {
    const { answer } = await untilDefinite<{ bookingCode: string; queueNumber: number }>(
      `${this.t.gateway}/api/v1/facilities/${this.t.facility}/tickets`,
      { body: rec.body, headers: { 'idempotency-key': rec.idempotencyKey } },
    );
    if (!answer) return;
    rec.status = answer.status;
    rec.outcome = answer.status === 200 || answer.status === 201 ? 'accepted' : 'refused';
    rec.bookingCode = answer.body.bookingCode;
    rec.queueNumber = answer.body.queueNumber;
  }

  private async every(intervalMs: number, fire: () => Promise<unknown>): Promise<void> {
    while (this.running) {
      const p = fire().finally(() => this.inflight.delete(p));
      this.inflight.add(p);
      await sleep(intervalMs);
    }
  }

  private nextPatient(): { nik: string; phone: string } {
    this.patient += 1;
    const n = this.serial + this.patient;
    return { nik: nikFor(n), phone: phoneFor(n % 100_000_000) };
  }

  private async book(): Promise<void> {
    const patient = this.nextPatient();
    const rec: BookingRecord = {
      phase: this.phase,
      idempotencyKey: `faults-${randomUUID()}`,
      phone: patient.phone,
      outcome: 'unknown',
      attempts: 0,
    };
    rec.body = { poliCode: this.t.poli, patient: { ...patient, isNew: false } };
    this.bookings.push(rec);
    const { answer, attempts } = await untilDefinite<{ bookingCode: string; queueNumber: number }>(
      `${this.t.gateway}/api/v1/facilities/${this.t.facility}/tickets`,
      {
        body: rec.body,
        headers: { 'idempotency-key': rec.idempotencyKey },
      },
    );
    rec.attempts = attempts;
    if (!answer) return;
    rec.status = answer.status;
    if (answer.status === 200 || answer.status === 201) {
      rec.outcome = 'accepted';
      rec.bookingCode = answer.body.bookingCode;
      rec.queueNumber = answer.body.queueNumber;
    } else {
      rec.outcome = 'refused';
    }
  }

  /**
   * One front desk: check a booked patient in, call the next, serve, finish; over and over, at a
   * human pace (a round takes at least `DESK_ROUND_MS`), so the load stays well within capacity.
   */
  private async frontDesk(counter: string): Promise<void> {
    while (this.running) {
      const round = sleep(DESK_ROUND_MS);
      const next = this.bookings.find((b) => b.outcome === 'accepted' && !b.checkedIn);
      if (next?.bookingCode) {
        next.checkedIn = true;
        await this.op(`${this.t.queue}/v1/tickets/${next.bookingCode}/check-in`, {});
      }
      const base = `${this.t.queue}/v1/facilities/${this.t.facility}/counters/${counter}`;
      if ((await this.op(`${base}/call-next`, {})) === 200) {
        await this.op(`${base}/start`, {});
        await this.op(`${base}/finish`, { next: 'done' });
      } else {
        // Busy after a retried call (it did happen) or nobody waiting: finish what is open.
        await this.op(`${base}/start`, {});
        await this.op(`${base}/finish`, { next: 'done' });
      }
      await round;
    }
  }

  private async op(url: string, body: unknown): Promise<number | null> {
    this.desk.sent += 1;
    const { answer } = await untilDefinite(url, { body }, 60_000);
    if (answer && answer.status < 300) this.desk.ok += 1;
    else if (answer) this.desk.refused += 1;
    return answer?.status ?? null;
  }

  private async refer(): Promise<void> {
    const rec: ReferralRecord = {
      phase: this.phase,
      tag: `faults-${randomUUID()}`,
      outcome: 'unknown',
      attempts: 0,
    };
    this.referrals.push(rec);
    const patient = this.nextPatient();
    const plannedVisitDate = jakartaDate(1);
    const deadline = Date.now() + 120_000;
    // Creating a referral takes no Idempotency-Key: after an unknown outcome the client looks for
    // it (by its notes) before sending it again.
    while (!rec.id && Date.now() < deadline) {
      rec.attempts += 1;
      const { answer } = await untilDefinite<{ id: string; status: string }>(
        `${this.t.referral}/v1/referrals`,
        {
          body: {
            originFacilityCode: this.t.puskesmas,
            referringDoctor: 'dr. Uji Gangguan',
            patient: { nik: patient.nik, name: 'Pasien Uji', phone: patient.phone },
            diagnosisCode: 'E11.5',
            destination: { facilityCode: this.t.hospital, poliCode: 'INT' },
            plannedVisitDate,
            notes: rec.tag,
          },
        },
        1_000,
      );
      if (answer?.status === 201) {
        rec.id = answer.body.id;
        break;
      }
      if (answer) {
        rec.outcome = 'refused';
        return;
      }
      rec.id = await this.findReferral(rec.tag);
    }
    if (!rec.id) return;
    rec.outcome = 'accepted';
    rec.status = 'sent';
    for (const [verb, body, status] of [
      ['receive', {}, 'received'],
      ['accept', { visitDate: plannedVisitDate, doctorCode: this.t.hospitalDoctor }, 'accepted'],
    ] as const) {
      const { answer } = await untilDefinite<{ status: string }>(
        `${this.t.referral}/v1/referrals/${rec.id}/${verb}`,
        { body },
      );
      // 409 after a retry: the first attempt did it.
      if (answer && (answer.status < 300 || answer.status === 409)) rec.status = status;
      else return;
    }
  }

  private async findReferral(tag: string): Promise<string | undefined> {
    const { answer } = await untilDefinite<Array<{ id: string; notes: string | null }>>(
      `${this.t.referral}/v1/facilities/${this.t.puskesmas}/referrals?limit=200`,
      { method: 'GET' },
    );
    return answer?.body?.find?.((r) => r.notes === tag)?.id;
  }
}

/** A Jakarta calendar date `days` from today. */
export function jakartaDate(days = 0): string {
  return new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
