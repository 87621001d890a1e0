import type WebSocket from 'ws';
import type { Pool } from 'undici';
import { inBatches } from './api';
import { callNextSender } from './call-next';
import { BENCH } from './config';
import { runStep, type StepResult } from './open-loop';
import { round, sleep, summarize, type LatencySummary } from './stats';
import { liveClient, subscribe } from './ws';

export interface FanoutResult {
  displays: number;
  patientPages: number;
  callRate: number;
  calls: StepResult;
  /** Queue events the calls produced (called + no-show for each successful call). */
  events: number;
  delivered: number;
  /** Every display gets every event; a patient page gets its own ticket's. */
  expected: number;
  deliveredPerSecond: number;
  /** Event time (occurredAt, set by queue-service) → message received by the client. */
  latency: LatencySummary;
}

/**
 * N waiting-room displays (subscribe facility) and M patient pages (subscribe-ticket) on the
 * gateway, while desks call patients at a fixed rate: pushes delivered per second and their latency.
 */
export async function fanout(
  qs: Pool,
  wsUrl: string,
  facility: string,
  counters: string[],
  bookingCodes: string[],
): Promise<FanoutResult> {
  const latencies: number[] = [];
  let delivered = 0;
  let measuring = false;
  const onMessage = (m: { event: string; data: Record<string, unknown> }, at: number): void => {
    if (!measuring || !m.event.startsWith('queue.ticket.')) return;
    delivered++;
    latencies.push(at - Date.parse(String(m.data.occurredAt)));
  };
  const sockets: WebSocket[] = [];
  const pages = bookingCodes.slice(0, BENCH.patientPages);
  await inBatches(
    Array.from({ length: BENCH.displays + pages.length }, (_, k) => k),
    20,
    async (k) => {
      const s = await liveClient(wsUrl, onMessage);
      sockets.push(s);
      if (k < BENCH.displays) await subscribe(s, 'subscribe', { facilityCode: facility });
      else await subscribe(s, 'subscribe-ticket', { bookingCode: pages[k - BENCH.displays] });
    },
  );
  measuring = true;
  const started = performance.now();
  const calls = await runStep(
    BENCH.fanoutRate,
    BENCH.fanoutMs,
    callNextSender(qs, facility, counters),
    BENCH.timeoutMs,
    BENCH.limits,
  );
  const events = calls.ok * 2;
  const expected =
    events * BENCH.displays + events * Math.min(1, pages.length / bookingCodes.length);
  const deadline = Date.now() + 10_000;
  while (delivered < expected && Date.now() < deadline) await sleep(200);
  const spanS = (performance.now() - started) / 1000;
  measuring = false;
  for (const s of sockets) s.close();
  return {
    displays: BENCH.displays,
    patientPages: pages.length,
    callRate: BENCH.fanoutRate,
    calls,
    events,
    delivered,
    expected: Math.round(expected),
    deliveredPerSecond: round(delivered / spanS),
    latency: summarize(latencies),
  };
}
