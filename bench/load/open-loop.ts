import { summarize, round, sleep, type LatencySummary } from './stats';

/**
 * Open-loop load: request i is due at start + i / rate, whether or not earlier ones were answered,
 * and its latency counts from that due time. A slow server therefore shows as high latency instead
 * of quietly lowering the offered rate (coordinated omission).
 */

/** Sends request i; resolves with the HTTP status. Throwing counts as a network error. */
export type Sender = (i: number, signal: AbortSignal) => Promise<number>;

export const TIMEOUT = -1;
export const NETWORK_ERROR = 0;

export interface StepResult {
  offeredRate: number;
  durationS: number;
  sent: number;
  ok: number;
  /** Count per HTTP status; "timeout" and "network" for requests without an answer. */
  statuses: Record<string, number>;
  /** 2xx answers per second, over the step or until the last answer if that came later. */
  goodput: number;
  /** From the due time to the answer, every request (a timeout counts at its timeout). */
  latency: LatencySummary;
  /** Answered 2xx only. */
  okLatency: LatencySummary;
  sustainable: boolean;
  /** CPU the load generator itself used, in cores (1 = one core busy): is the client the limit? */
  generatorCores: number;
  /** Mean server-side duration of the route over the step (the service's own histogram), if probed. */
  serverMeanMs?: number;
}

/** Cumulative server-side time of a route: sum (seconds) and count, from /metrics. */
export type ServerProbe = () => Promise<{ sum: number; count: number }>;

export interface Limits {
  p99Ms: number;
  errorRate: number;
  /** Goodput must reach this share of the offered rate. */
  goodputShare: number;
}

export async function runStep(
  rate: number,
  durationMs: number,
  send: Sender,
  timeoutMs: number,
  limits: Limits,
): Promise<StepResult> {
  const total = Math.max(1, Math.round((rate * durationMs) / 1000));
  const interval = 1000 / rate;
  const latencies: number[] = [];
  const okLatencies: number[] = [];
  const statuses: Record<string, number> = {};
  let ok = 0;
  let lastEnd = 0;
  const start = performance.now();
  const cpu = process.cpuUsage();

  const fire = async (i: number, due: number): Promise<void> => {
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number;
    try {
      status = await send(i, signal);
    } catch {
      status = signal.aborted ? TIMEOUT : NETWORK_ERROR;
    }
    const end = performance.now();
    lastEnd = Math.max(lastEnd, end);
    const key = status === TIMEOUT ? 'timeout' : status === NETWORK_ERROR ? 'network' : status;
    statuses[key] = (statuses[key] ?? 0) + 1;
    latencies.push(end - due);
    if (status >= 200 && status < 300) {
      ok++;
      okLatencies.push(end - due);
    }
  };

  const inFlight: Array<Promise<void>> = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    for (; i < total && start + i * interval <= now; i++)
      inFlight.push(fire(i, start + i * interval));
    if (i < total) await sleep(Math.max(0, start + i * interval - performance.now()));
  }
  await Promise.all(inFlight);
  const used = process.cpuUsage(cpu);
  const generatorCores = round((used.user + used.system) / 1000 / (performance.now() - start), 2);

  const spanS = Math.max(durationMs, lastEnd - start) / 1000;
  const latency = summarize(latencies);
  const goodput = round(ok / spanS);
  const errors = total - ok;
  return {
    offeredRate: rate,
    durationS: durationMs / 1000,
    sent: total,
    ok,
    statuses,
    goodput,
    latency,
    okLatency: summarize(okLatencies),
    sustainable:
      errors / total <= limits.errorRate &&
      latency.p99 <= limits.p99Ms &&
      goodput >= limits.goodputShare * rate,
    generatorCores,
  };
}

export interface RampOptions {
  startRate: number;
  factor: number;
  maxRate: number;
  stepMs: number;
  timeoutMs: number;
  limits: Limits;
  /** Bisections between the last good and the first bad rate. */
  refineSteps: number;
  /** Called after each step (e.g. to log). */
  onStep?: (r: StepResult) => void;
  serverProbe?: ServerProbe;
}

export interface RampResult {
  steps: StepResult[];
  /** The highest offered rate whose step met the limits (0 if none did). */
  sustainableRate: number;
}

/**
 * Steps the offered rate up geometrically until a rate breaks the limits (p99, errors, goodput)
 * twice in a row,
 * then bisects between the last good and the first bad rate.
 */
export async function ramp(send: Sender, o: RampOptions): Promise<RampResult> {
  const steps: StepResult[] = [];
  let good = 0;
  let bad = 0;
  const step = async (rate: number): Promise<StepResult> => {
    const r = await probed(o.serverProbe, () =>
      runStep(rate, o.stepMs, send, o.timeoutMs, o.limits),
    );
    steps.push(r);
    o.onStep?.(r);
    // Let a backlog drain so the next step starts from an idle server.
    await sleep(r.sustainable ? 500 : 2_000);
    return r;
  };
  for (let rate = o.startRate; rate <= o.maxRate; rate = Math.round(rate * o.factor)) {
    // On a shared machine one step can break by accident: a rate fails only if it fails twice.
    const r = (await step(rate)).sustainable || (await step(rate)).sustainable;
    if (r) good = rate;
    else {
      bad = rate;
      break;
    }
  }
  // Even the first rate broke the limits (a loaded machine): step down until one holds.
  for (let rate = Math.round(bad / o.factor); good === 0 && rate >= 1;) {
    if ((await step(rate)).sustainable) good = rate;
    else bad = rate;
    const lower = Math.floor(rate / o.factor);
    if (lower === rate) break;
    rate = lower;
  }
  // Narrow down between the last good and the first bad rate (geometric bisection).
  for (let k = 0; k < o.refineSteps && good > 0 && bad > 0; k++) {
    const mid = Math.round(Math.sqrt(good * bad));
    if (mid <= good || mid >= bad) break;
    if ((await step(mid)).sustainable) good = mid;
    else bad = mid;
  }
  return { steps, sustainableRate: good };
}

/** Runs a step and adds the server's own mean duration of the route over it. */
export async function probed(
  probe: ServerProbe | undefined,
  run: () => Promise<StepResult>,
): Promise<StepResult> {
  const before = await probe?.().catch(() => undefined);
  const r = await run();
  const after = await probe?.().catch(() => undefined);
  if (before && after && after.count > before.count) {
    r.serverMeanMs = round(((after.sum - before.sum) / (after.count - before.count)) * 1000);
  }
  return r;
}
