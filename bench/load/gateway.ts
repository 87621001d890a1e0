import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Pool } from 'undici';
import {
  bookingBody,
  bookPath,
  call,
  idempotencyKey,
  nextPatient,
  spreadFacility,
  status,
} from './api';
import { BENCH } from './config';
import { runStep, type Sender, type StepResult } from './open-loop';
import { RESULTS_DIR } from './stack';
import { ratio, sleep } from './stats';

/**
 * The gateway in front (issue #7's access guard and rate limits, with the limits raised out of the
 * way as every test stack does) against queue-service directly, in the same run and at the same
 * offered rates, alternating so that the machine's noise hits both alike.
 */

export interface GatewayPair {
  route: string;
  rate: number;
  direct: StepResult;
  gateway: StepResult;
  /** gateway / direct, p50 and p99 latency. */
  ratioP50: number | null;
  ratioP99: number | null;
}

export interface GatewayResults {
  label: string;
  startedAt: string;
  loadAverage: number[];
  stepMs: number;
  pairs: GatewayPair[];
}

/** A booking of a new patient through the gateway's public route (rate limits counted in Redis). */
const gatewayBooking =
  (gw: Pool): Sender =>
  (_i, signal) => {
    const p = nextPatient();
    const facility = spreadFacility(p % BENCH.facilities);
    return status(
      gw,
      'POST',
      `/api${bookPath(facility)}`,
      bookingBody(p, 0, 0),
      idempotencyKey(p),
      signal,
    );
  };

const directBooking =
  (qs: Pool): Sender =>
  (_i, signal) => {
    const p = nextPatient();
    const facility = spreadFacility(p % BENCH.facilities);
    return status(qs, 'POST', bookPath(facility), bookingBody(p, 0, 0), idempotencyKey(p), signal);
  };

/**
 * A desk reading its facility's tickets by booking code: the booking-scoped route, where the
 * guard needs the ticket's facility from queue-service before it forwards the read itself.
 */
const ticketRead =
  (p: Pool, prefix: string, codes: readonly string[], headers: Record<string, string>): Sender =>
  (i, signal) =>
    status(p, 'GET', `${prefix}/v1/tickets/${codes[i % codes.length]}`, undefined, headers, signal);

export async function gatewayScenario(
  qs: Pool,
  gw: Pool,
  deskToken: string,
  label: string,
  log: (s: string) => void,
): Promise<GatewayResults> {
  const startedAt = new Date().toISOString();
  const loadAverage = (await import('node:os')).loadavg().map((l) => Math.round(l * 100) / 100);
  // Tickets at the desk's facility (spread facility 0) to read back.
  const codes: string[] = [];
  // Patients far above the other scenarios' (one active booking per patient, poli and day).
  for (let k = 0; k < 50; k++) {
    const p = 5_000_000 + k;
    const r = await call<{ bookingCode: string }>(
      qs,
      'POST',
      bookPath(spreadFacility(0)),
      bookingBody(p, 1, 0),
      idempotencyKey(p),
    );
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`booking for reads: ${r.status} ${JSON.stringify(r.body)}`);
    codes.push(r.body.bookingCode);
  }
  const desk = { authorization: `Bearer ${deskToken}` };
  const scenarios: Array<[string, number[], Sender, Sender]> = [
    ['booking', BENCH.gatewayRates, directBooking(qs), gatewayBooking(gw)],
    [
      'desk ticket read',
      BENCH.gatewayRates.map((r) => r * 2),
      ticketRead(qs, '', codes, {}),
      ticketRead(gw, '/api', codes, desk),
    ],
  ];
  const pairs: GatewayPair[] = [];
  for (const [route, rates, direct, viaGateway] of scenarios) {
    for (const rate of rates) {
      const step = (send: Sender) =>
        runStep(rate, BENCH.gatewayStepMs, send, BENCH.timeoutMs, BENCH.limits);
      const d = await step(direct);
      await sleep(1_000);
      const g = await step(viaGateway);
      await sleep(1_000);
      const pair = {
        route,
        rate,
        direct: d,
        gateway: g,
        ratioP50: ratio(g.latency.p50, d.latency.p50),
        ratioP99: ratio(g.latency.p99, d.latency.p99),
      };
      log(
        `gateway ${route} @${rate}/s: direct p50 ${d.latency.p50} p99 ${d.latency.p99} ${JSON.stringify(d.statuses)}; ` +
          `gateway p50 ${g.latency.p50} p99 ${g.latency.p99} ${JSON.stringify(g.statuses)}; ` +
          `ratio p50 ${pair.ratioP50} p99 ${pair.ratioP99}`,
      );
      pairs.push(pair);
    }
  }
  return { label, startedAt, loadAverage, stepMs: BENCH.gatewayStepMs, pairs };
}

const FILE_PREFIX = 'gateway-';

/**
 * Writes gateway-<label>.json, then gateway.md from every gateway-*.json present, so runs of
 * different code (before / after a change) sit side by side.
 */
export function writeGatewayReport(r: GatewayResults): string[] {
  const json = join(RESULTS_DIR, `${FILE_PREFIX}${r.label}.json`);
  writeFileSync(json, `${JSON.stringify(r, null, 2)}\n`);
  const runs = readdirSync(RESULTS_DIR)
    .filter((f) => f.startsWith(FILE_PREFIX) && f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as GatewayResults)
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  const lines = [
    '# Gateway in front: booking and a booking-scoped read, gateway / direct',
    '',
    'Generated by `BENCH_ONLY=gateway npm run bench:load` (see bench/LOAD.md, "Gateway in front").',
    'Latency in ms from the due time (open loop); ratio = gateway / direct at the same offered rate,',
    'measured alternately in the same run. The machine is shared: read the load average.',
    '',
    '| run | started | load avg (1/5/15 min) | route | rate/s | direct p50 | direct p99 | gateway p50 | gateway p99 | ratio p50 | ratio p99 | gateway statuses |',
    '| --- | --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --- |',
  ];
  for (const run of runs) {
    for (const p of run.pairs) {
      lines.push(
        `| ${run.label} | ${run.startedAt.slice(0, 16)} | ${run.loadAverage.join(' / ')} | ${p.route} | ${p.rate} | ` +
          `${p.direct.latency.p50} | ${p.direct.latency.p99} | ${p.gateway.latency.p50} | ${p.gateway.latency.p99} | ` +
          `${p.ratioP50 ?? '–'} | ${p.ratioP99 ?? '–'} | ${JSON.stringify(p.gateway.statuses)} |`,
      );
    }
  }
  const md = join(RESULTS_DIR, 'gateway.md');
  writeFileSync(md, `${lines.join('\n')}\n`);
  return [json, md];
}
