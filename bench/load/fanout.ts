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
  /** Distinct queue events pushed (by event id): each call, its no-show, and whatever followed. */
  events: number;
  /** Pushes received by the displays, and the share of (events × displays) that is. */
  displayDeliveries: number;
  displayCompleteness: number;
  /** Pushes received by the patient pages (each gets its own ticket's events only). */
  pageDeliveries: number;
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
  /** A desk token of the facility: patient pages need a token to follow a ticket (issue #7). */
  accessToken: string,
): Promise<FanoutResult> {
  const latencies: number[] = [];
  const eventIds = new Set<string>();
  let displayDeliveries = 0;
  let pageDeliveries = 0;
  let measuring = false;
  const onMessage =
    (display: boolean) =>
    (m: { event: string; data: Record<string, unknown> }, at: number): void => {
      if (!measuring || !m.event.startsWith('queue.ticket.')) return;
      if (display) displayDeliveries++;
      else pageDeliveries++;
      eventIds.add(String(m.data.eventId));
      latencies.push(at - Date.parse(String(m.data.occurredAt)));
    };
  const sockets: WebSocket[] = [];
  const pages = bookingCodes.slice(0, BENCH.patientPages);
  await inBatches(
    Array.from({ length: BENCH.displays + pages.length }, (_, k) => k),
    20,
    async (k) => {
      const s = await liveClient(wsUrl, onMessage(k < BENCH.displays));
      sockets.push(s);
      if (k < BENCH.displays) await subscribe(s, 'subscribe', { facilityCode: facility });
      else
        await subscribe(s, 'subscribe-ticket', {
          bookingCode: pages[k - BENCH.displays],
          accessToken,
        });
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
  // Done when every display has every event seen so far (or after 10 s).
  const deadline = Date.now() + 10_000;
  while (displayDeliveries < eventIds.size * BENCH.displays && Date.now() < deadline) {
    await sleep(200);
  }
  const spanS = (performance.now() - started) / 1000;
  measuring = false;
  for (const s of sockets) s.close();
  return {
    displays: BENCH.displays,
    patientPages: pages.length,
    callRate: BENCH.fanoutRate,
    calls,
    events: eventIds.size,
    displayDeliveries,
    displayCompleteness: round(displayDeliveries / Math.max(1, eventIds.size * BENCH.displays), 3),
    pageDeliveries,
    deliveredPerSecond: round((displayDeliveries + pageDeliveries) / spanS),
    latency: summarize(latencies),
  };
}
