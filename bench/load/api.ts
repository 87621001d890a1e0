import { Pool } from 'undici';
import { nikFor, phoneFor, withServiceToken } from '@app/testing';
import { BENCH } from './config';

const origins = new WeakMap<Pool, string>();

/** Keep-alive connection pools (undici), one per service. */
export function pool(origin: string, connections = BENCH.connections): Pool {
  const p = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  origins.set(p, origin);
  return p;
}

/** The request's headers, with the service token when the pool's service is an internal one. */
function headersFor(p: Pool, path: string, body: unknown, headers: Record<string, string>) {
  const all = body === undefined ? headers : { 'content-type': 'application/json', ...headers };
  return withServiceToken(`${origins.get(p) ?? 'http://unknown'}${path}`, all);
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export async function call<T = unknown>(
  p: Pool,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<Answer<T>> {
  const res = await p.request({
    method,
    path,
    headers: headersFor(p, path, body, headers),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  const text = await res.body.text();
  return { status: res.statusCode, body: (text ? JSON.parse(text) : null) as T };
}

/** Only the status: the body is read and dropped. */
export async function status(
  p: Pool,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  signal?: AbortSignal,
): Promise<number> {
  const res = await p.request({
    method,
    path,
    headers: headersFor(p, path, body, headers),
    body: body === undefined ? undefined : JSON.stringify(body),
    signal,
  });
  await res.body.dump();
  return res.statusCode;
}

export const POLIS = ['ANA', 'INT', 'OBG', 'SAR'] as const;
export const DOCTORS_PER_POLI = 5;
export const doctorCode = (poli: number, d: number): string => `8${poli}${d}001`;

/** Facility codes: the spread set, and one facility per special scenario. */
export const spreadFacility = (i: number): string => `LB${String(i).padStart(3, '0')}R01`;
export const HOT_FACILITY = 'LBHOTR01';
export const CALL_FACILITY = 'LBCALR01';
export const FANOUT_FACILITY = 'LBFANR01';
export const EVENT_FACILITY = 'LBEVTR01';

/** A hospital open all day every day, with the maximum quota per session, as PUT /v1/facilities takes it. */
export function benchFacility(code: string, poliCounters: number): unknown {
  const schedules = [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn: 10_000,
    quotaNonJkn: 10_000,
  }));
  return {
    name: `RS Uji Beban ${code}`,
    type: 'FKRTL',
    district: 'Brebes',
    polis: POLIS.map((p) => ({ code: p, name: `Poli ${p}`, prefix: p, subspecialties: [] })),
    doctors: POLIS.flatMap((p, pi) =>
      Array.from({ length: DOCTORS_PER_POLI }, (_, d) => ({
        code: doctorCode(pi, d),
        name: `dr. Uji ${p} ${d}`,
        poliCode: p,
        schedules,
      })),
    ),
    counters: [
      { code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] },
      ...Array.from({ length: Math.max(1, poliCounters) }, (_, c) => ({
        code: `C${String(c + 1).padStart(2, '0')}`,
        name: `Poli Anak ruang ${c + 1}`,
        station: 'poli',
        poliCodes: ['ANA'],
      })),
    ],
  };
}

let patientSeq = 1;
/** Every booking is a new patient (one active booking per patient, poli and day). */
export function nextPatient(): number {
  return patientSeq++;
}

/** A booking request for patient i at a poli (by index) and one of its doctors. */
export function bookingBody(i: number, poli: number, doctor: number): unknown {
  return {
    poliCode: POLIS[poli],
    doctorCode: doctorCode(poli, doctor),
    patient: { nik: nikFor(i), phone: phoneFor(i) },
    patientType: 'NON_JKN',
  };
}

export const bookPath = (facility: string): string => `/v1/facilities/${facility}/tickets`;
export const idempotencyKey = (i: number): Record<string, string> => ({
  'idempotency-key': `bench-${process.pid}-${i}`,
});

/** Runs tasks with at most `n` at a time (setup work, not measured). */
export async function inBatches<T>(
  items: readonly T[],
  n: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}
