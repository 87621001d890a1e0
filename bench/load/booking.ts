import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'undici';
import { Pool as PgPool } from 'pg';
import { pgPoolConfigFromUrl } from '@app/database';
import { REPO_ROOT } from '@app/testing';
import {
  bookingBody,
  bookPath,
  DOCTORS_PER_POLI,
  HOT_FACILITY,
  idempotencyKey,
  nextPatient,
  POLIS,
  spreadFacility,
  status,
} from './api';
import { BENCH } from './config';
import { probed, runStep, type Sender, type ServerProbe, type StepResult } from './open-loop';

/** The service's own cumulative time for one route (Prometheus histogram sum and count). */
export const routeProbe =
  (p: Pool, method: string, route: string): ServerProbe =>
  async () => {
    const res = await p.request({ method: 'GET', path: '/metrics' });
    const text = await res.body.text();
    let sum = 0;
    let count = 0;
    const re = /^http_request_duration_seconds_(sum|count)\{([^}]*)\} ([0-9.e+-]+)$/gm;
    for (const m of text.matchAll(re)) {
      if (!m[2].includes(`method="${method}"`) || !m[2].includes(`route="${route}"`)) continue;
      if (m[1] === 'sum') sum += Number(m[3]);
      else count += Number(m[3]);
    }
    return { sum, count };
  };

/** The cheapest route of the same server: liveness, through the same Fastify/Nest pipeline. */
export const noopSender =
  (qs: Pool): Sender =>
  (_i, signal) =>
    status(qs, 'GET', '/health/live', undefined, {}, signal);

/**
 * A booking of a new patient. Spread: round-robin over BENCH.facilities facilities and their four
 * polis (one doctor each). Hot: one facility, one poli (one number counter), its five doctors
 * (for the quota: 10,000 per session).
 */
export const bookingSender =
  (qs: Pool, mode: 'spread' | 'hot'): Sender =>
  (_i, signal) => {
    const p = nextPatient();
    const n = BENCH.facilities;
    const facility = mode === 'hot' ? HOT_FACILITY : spreadFacility(p % n);
    const poli = mode === 'hot' ? 0 : Math.floor(p / n) % POLIS.length;
    const doctor = mode === 'hot' ? p % DOCTORS_PER_POLI : 0;
    return status(
      qs,
      'POST',
      bookPath(facility),
      bookingBody(p, poli, doctor),
      idempotencyKey(p),
      signal,
    );
  };

/** p50/p99 at fixed shares of a sustainable rate. */
export async function fixedRates(
  send: Sender,
  sustainable: number,
  shares: number[],
  log: (r: StepResult) => void,
  probe?: ServerProbe,
): Promise<Array<StepResult & { share: number }>> {
  const out: Array<StepResult & { share: number }> = [];
  for (const share of shares) {
    const rate = Math.max(1, Math.round(sustainable * share));
    const r = await probed(probe, () =>
      runStep(rate, BENCH.fixedMs, send, BENCH.timeoutMs, BENCH.limits),
    );
    log(r);
    out.push({ ...r, share });
    await new Promise((res) => setTimeout(res, 1_000));
  }
  return out;
}

/** The booking Lua script exactly as queue-service defines it (read from its source). */
export function bookingLuaScript(): string {
  const file = join(
    REPO_ROOT,
    'apps/queue-service/src/tickets/numbering/queue-number.allocator.ts',
  );
  const m = /const TAKE_PLACE = `([\s\S]*?)`;/.exec(readFileSync(file, 'utf8'));
  if (!m) throw new Error(`TAKE_PLACE not found in ${file}: the bench must follow the service`);
  return m[1];
}

export interface RedisBenchResult {
  command: string;
  clients: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  max: number;
}

/**
 * redis-benchmark (closed loop, 50 connections) running the booking script with EVALSHA on one
 * quota key pair, as a booking of a hot poli does: the ceiling Redis alone puts on bookings.
 */
export function redisBenchmark(port: number): RedisBenchResult[] {
  const cli = (...args: string[]): string =>
    execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], {
      encoding: 'utf8',
    }).trim();
  const sha = cli('SCRIPT', 'LOAD', bookingLuaScript());
  const seq = 'queue:{LBRBMR01}:bench:ANA:seq';
  const quota = 'queue:{LBRBMR01}:bench:quota';
  cli('SET', seq, '0');
  cli('SET', quota, '0');
  const clients = 50;
  const run = (label: string, args: string[]): RedisBenchResult => {
    const out = execFileSync(
      'redis-benchmark',
      [
        '-h',
        '127.0.0.1',
        '-p',
        String(port),
        '-c',
        String(clients),
        '-n',
        String(BENCH.redisBenchmarkRequests),
        '--csv',
        ...args,
      ],
      { encoding: 'utf8' },
    );
    const row = out.trim().split('\n').pop() ?? '';
    const cells = row.split(',').map((c) => Number(c.replace(/"/g, '')));
    // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
    return {
      command: label,
      clients,
      requests: BENCH.redisBenchmarkRequests,
      rps: cells[1],
      p50: cells[4],
      p99: cells[6],
      max: cells[7],
    };
  };
  return [
    run('EVALSHA <booking script> (TAKE_PLACE)', [
      'EVALSHA',
      sha,
      '2',
      seq,
      quota,
      String(1_000_000_000),
    ]),
    run('PING (Redis round trip)', ['PING']),
  ];
}

/**
 * A Postgres round trip (`SELECT 1` on queue-service's database, a pool of 10 like the service's)
 * at a fixed rate: what one of a booking's few database round trips costs on this machine now.
 */
export async function postgresRoundTrip(url: string, rate: number): Promise<StepResult> {
  const pg = new PgPool({ ...pgPoolConfigFromUrl(url), max: 10 });
  try {
    return await runStep(
      rate,
      BENCH.fixedMs,
      async () => {
        await pg.query('SELECT 1');
        return 200;
      },
      BENCH.timeoutMs,
      BENCH.limits,
    );
  } finally {
    await pg.end();
  }
}
