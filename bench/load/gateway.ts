import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
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
import { routeProbe } from './booking';
import { BENCH } from './config';
import { runStep, type Sender, type ServerProbe, type StepResult } from './open-loop';
import { RESULTS_DIR } from './stack';
import { ratio, round, sleep } from './stats';

/**
 * The gateway in front (issue #7's access guard and rate limits, with the limits raised out of the
 * way as every test stack does) against queue-service directly, in the same run and at the same
 * offered rates, alternating so that the machine's noise hits both alike. Besides latency, each
 * step records what noise sways least: the CPU the gateway and queue-service spent per request
 * and how many queue-service calls one request cost.
 */

export interface GatewayStep extends StepResult {
  /** CPU milliseconds per request sent, of each process (user + system, from /proc). */
  cpuMsPerRequest: { gateway: number; queue: number; total: number };
  /** Requests queue-service answered on the route per request sent (its /metrics count). */
  queueCallsPerRequest: number;
}

export interface GatewayPair {
  route: string;
  rate: number;
  direct: GatewayStep;
  gateway: GatewayStep;
  /** gateway / direct: p50 and p99 latency, and CPU of gateway + queue-service per request. */
  ratioP50: number | null;
  ratioP99: number | null;
  ratioCpu: number | null;
}

export interface GatewayResults {
  label: string;
  startedAt: string;
  loadAverage: number[];
  stepMs: number;
  pairs: GatewayPair[];
}

/** CPU time a process has used, in ms (utime + stime of /proc/<pid>/stat, 100 ticks/s). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A booking of a new patient through the gateway's public route (rate limits counted in Redis). */
const gatewayBooking =
  (gw: Pool): Sender =>
  (_i, signal) => {
    const p = nextPatient();
    const facility = spreadFacility(p % BENCH.facilities);
    const path = `/api${bookPath(facility)}`;
    return status(gw, 'POST', path, bookingBody(p, 0, 0), idempotencyKey(p), signal);
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

/** Tickets at spread facility 0, for the desk to read back. */
async function ticketsToRead(qs: Pool): Promise<string[]> {
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
  return codes;
}

export async function gatewayScenario(
  pools: { qs: Pool; gw: Pool },
  pids: { gateway: number; queue: number },
  deskToken: string,
  label: string,
  log: (s: string) => void,
): Promise<GatewayResults> {
  const { qs, gw } = pools;
  const startedAt = new Date().toISOString();
  const loadAverage = loadavg().map((l) => round(l, 2));
  const codes = await ticketsToRead(qs);
  const desk = { authorization: `Bearer ${deskToken}` };
  const bookRoute = routeProbe(qs, 'POST', '/v1/facilities/:facilityCode/tickets');
  const readRoute = routeProbe(qs, 'GET', '/v1/tickets/:bookingCode');
  const scenarios: Array<[string, number[], ServerProbe, Sender, Sender]> = [
    ['booking', BENCH.gatewayRates, bookRoute, directBooking(qs), gatewayBooking(gw)],
    [
      'desk ticket read',
      BENCH.gatewayRates.map((r) => r * 2),
      readRoute,
      ticketRead(qs, '', codes, {}),
      ticketRead(gw, '/api', codes, desk),
    ],
  ];
  const pairs: GatewayPair[] = [];
  for (const [route, rates, queueRoute, direct, viaGateway] of scenarios) {
    for (const rate of rates) {
      const step = async (send: Sender): Promise<GatewayStep> => {
        const calls = await queueRoute();
        const cpu = { gateway: cpuMs(pids.gateway), queue: cpuMs(pids.queue) };
        const r = await runStep(rate, BENCH.gatewayStepMs, send, BENCH.timeoutMs, BENCH.limits);
        const per = (v: number) => round(v / r.sent, 2);
        const gateway = per(cpuMs(pids.gateway) - cpu.gateway);
        const queue = per(cpuMs(pids.queue) - cpu.queue);
        const callsAfter = await queueRoute();
        await sleep(1_000);
        return {
          ...r,
          cpuMsPerRequest: { gateway, queue, total: round(gateway + queue, 2) },
          queueCallsPerRequest: per(callsAfter.count - calls.count),
        };
      };
      const d = await step(direct);
      const g = await step(viaGateway);
      const pair: GatewayPair = {
        route,
        rate,
        direct: d,
        gateway: g,
        ratioP50: ratio(g.latency.p50, d.latency.p50),
        ratioP99: ratio(g.latency.p99, d.latency.p99),
        ratioCpu: ratio(g.cpuMsPerRequest.total, d.cpuMsPerRequest.total),
      };
      log(
        `gateway ${route} @${rate}/s: direct p50 ${d.latency.p50} p99 ${d.latency.p99} ${JSON.stringify(d.statuses)} ` +
          `cpu ${JSON.stringify(d.cpuMsPerRequest)}; gateway p50 ${g.latency.p50} p99 ${g.latency.p99} ` +
          `${JSON.stringify(g.statuses)} cpu ${JSON.stringify(g.cpuMsPerRequest)} queue calls ${g.queueCallsPerRequest}; ` +
          `ratio p50 ${pair.ratioP50} p99 ${pair.ratioP99} cpu ${pair.ratioCpu}`,
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
    'Latency in ms from the due time (open loop); CPU = ms of gateway + queue-service CPU per',
    'request; queue calls = requests queue-service answered on the route per request. Ratios are',
    'gateway / direct at the same offered rate, measured alternately in the same run. The machine',
    'is shared: read the load average (taken when the scenario starts).',
    '',
    '| run | started | load avg (1/5/15) | route | rate/s | p50 direct → gateway | p99 direct → gateway | ratio p50 | ratio p99 | CPU direct → gateway | ratio CPU | queue calls (gateway) | gateway statuses |',
    '| --- | --- | --- | --- | --: | --: | --: | --: | --: | --: | --: | --: | --- |',
  ];
  for (const run of runs) {
    for (const p of run.pairs) {
      const d = p.direct;
      const g = p.gateway;
      lines.push(
        `| ${run.label} | ${run.startedAt.slice(0, 16)} | ${run.loadAverage.join(' / ')} | ${p.route} | ${p.rate} | ` +
          `${d.latency.p50} → ${g.latency.p50} | ${d.latency.p99} → ${g.latency.p99} | ` +
          `${p.ratioP50 ?? '–'} | ${p.ratioP99 ?? '–'} | ` +
          `${d.cpuMsPerRequest.total} → ${g.cpuMsPerRequest.total} | ${p.ratioCpu ?? '–'} | ` +
          `${g.queueCallsPerRequest} | ${JSON.stringify(g.statuses)} |`,
      );
    }
  }
  const md = join(RESULTS_DIR, 'gateway.md');
  writeFileSync(md, `${lines.join('\n')}\n`);
  return [json, md];
}
