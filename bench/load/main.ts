/**
 * `npm run bench` (load part): the services in production mode on the bench's own Kafka, Redis and
 * databases, measured open-loop against baselines taken in the same run. Results go to
 * bench/results/load.json and load.md (see bench/LOAD.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { Topic } from '@app/contracts';
import { loginAs, waitForConsumerGroupCaughtUp } from '@app/testing';
import {
  benchFacility,
  CALL_FACILITY,
  EVENT_FACILITY,
  FANOUT_FACILITY,
  HOT_FACILITY,
  inBatches,
  pool,
  spreadFacility,
  call,
} from './api';
import {
  bookingSender,
  fixedRates,
  noopSender,
  postgresRoundTrip,
  redisBenchmark,
  routeProbe,
} from './booking';
import { callNextSender, fillLine } from './call-next';
import { BENCH } from './config';
import { eventLatency } from './events';
import { fanout } from './fanout';
import { gatewayScenario, writeGatewayReport } from './gateway';
import {
  probed,
  ramp,
  runStep,
  type RampResult,
  type ServerProbe,
  type StepResult,
} from './open-loop';
import { writeReport, type LoadResults } from './report';
import { RESULTS_DIR, startBenchStack } from './stack';
import { round } from './stats';

const t0 = Date.now();
const log = (s: string): void =>
  console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}`);
const stepLine =
  (label: string) =>
  (r: StepResult): void =>
    log(
      `${label}: offered ${r.offeredRate}/s → ${r.goodput}/s ok, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, ` +
        `${JSON.stringify(r.statuses)}, server ${r.serverMeanMs ?? '–'} ms, client ${r.generatorCores} cores${r.sustainable ? '' : '  ✗'}`,
    );

function machine(): LoadResults['machine'] {
  const c = cpus();
  return {
    cpuModel: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    quick: BENCH.quick,
  };
}

async function main(): Promise<void> {
  const results: Partial<LoadResults> = {
    startedAt: new Date().toISOString(),
    machine: machine(),
    config: BENCH,
  };
  log(`machine: ${JSON.stringify(results.machine)}`);
  const stack = await startBenchStack(log);
  // Ctrl-C: stop what the bench started, then leave.
  process.once('SIGINT', () => {
    log('interrupted: stopping the services and the bench infrastructure');
    void stack.stop().finally(() => process.exit(130));
  });
  const qs = pool(stack.procs['queue-service'].url);
  const wsUrl = `ws://127.0.0.1:${BENCH.ports.gateway}/ws`;
  // Let the notification consumer catch up between phases, so one phase's backlog does not load the next.
  const gatewayOnly = BENCH.only === 'gateway';
  const gw = pool(`http://127.0.0.1:${BENCH.ports.gateway}`);
  const runGateway = async (): Promise<void> => {
    log('gateway in front: booking and a desk ticket read, gateway / direct');
    const desk = await loginAs(`http://127.0.0.1:${BENCH.ports.gateway}`, {
      role: 'desk',
      facilityCode: spreadFacility(0),
    });
    const pid = (name: 'gateway' | 'queue-service'): number => {
      const p = stack.procs[name].pid;
      if (p === undefined) throw new Error(`${name} has no process id`);
      return p;
    };
    const r = await gatewayScenario(
      { qs, gw },
      { gateway: pid('gateway'), queue: pid('queue-service') },
      desk.accessToken,
      BENCH.gatewayLabel,
      log,
    );
    log(`wrote ${writeGatewayReport(r).join(', ')}`);
  };
  const settle = async (): Promise<void> => {
    try {
      await waitForConsumerGroupCaughtUp(
        stack.settings.kafkaBrokers,
        'notification-service',
        Topic.QueueTickets,
        BENCH.quick ? 10_000 : 30_000,
      );
    } catch (e) {
      log(`(going on) ${(e as Error).message}`);
    }
  };
  try {
    log('setting up facilities through the API');
    const facilities: Array<[string, number]> = [
      ...Array.from({ length: BENCH.facilities }, (_, i): [string, number] => [
        spreadFacility(i),
        1,
      ]),
      ...(gatewayOnly
        ? []
        : ([
            [HOT_FACILITY, 1],
            [CALL_FACILITY, BENCH.counters],
            [FANOUT_FACILITY, 10],
            [EVENT_FACILITY, 1],
          ] as Array<[string, number]>)),
    ];
    await inBatches(facilities, 4, async ([code, counters]) => {
      const r = await call(qs, 'PUT', `/v1/facilities/${code}`, benchFacility(code, counters));
      if (r.status !== 200) throw new Error(`PUT ${code}: ${r.status} ${JSON.stringify(r.body)}`);
    });
    const counters = (n: number): string[] =>
      Array.from({ length: n }, (_, c) => `C${String(c + 1).padStart(2, '0')}`);
    const callLine = gatewayOnly ? [] : await fillLine(qs, CALL_FACILITY, BENCH.counters * 3);
    const fanLine = gatewayOnly
      ? []
      : await fillLine(qs, FANOUT_FACILITY, Math.max(BENCH.patientPages, 30));
    log('warming up (not measured)');
    await runStep(50, 3_000, noopSender(qs), BENCH.timeoutMs, BENCH.limits);
    // One booking per facility and poli, and per doctor of the hot poli: Redis counters seeded.
    const warm = bookingSender(qs, 'spread');
    const warmHot = bookingSender(qs, 'hot');
    await inBatches(
      Array.from({ length: BENCH.facilities * 4 + 5 }, (_, k) => k),
      8,
      async (k) => {
        await (k < BENCH.facilities * 4 || gatewayOnly ? warm : warmHot)(
          k,
          AbortSignal.timeout(30_000),
        );
      },
    );
    await settle();
    if (gatewayOnly) {
      await runGateway();
      return;
    }

    // Latency of events first, on an idle system.
    log('event latency: booking → notification-service, → WebSocket; bare Kafka round trip');
    const eventArgs = [
      qs,
      wsUrl,
      stack.dbUrl('notification'),
      stack.settings.kafkaBrokers,
    ] as const;
    const brief = (k: string, v: unknown): unknown => (k === 'bookings' ? undefined : v);
    results.events = await eventLatency(...eventArgs, 'spread');
    log(`events, spread: ${JSON.stringify(results.events, brief)}`);
    await settle();
    results.eventsOneFacility = await eventLatency(...eventArgs, 'hot');
    log(`events, one facility: ${JSON.stringify(results.eventsOneFacility, brief)}`);
    await settle();
    log(`fan-out: ${BENCH.displays} displays, ${BENCH.patientPages} patient pages`);
    const desk = await loginAs(`http://127.0.0.1:${BENCH.ports.gateway}`, {
      role: 'desk',
      facilityCode: FANOUT_FACILITY,
    });
    results.fanout = await fanout(
      qs,
      wsUrl,
      FANOUT_FACILITY,
      counters(10),
      fanLine.map((t) => t.bookingCode),
      desk.accessToken,
    );
    log(`fan-out: ${results.fanout.deliveredPerSecond}/s, p99 ${results.fanout.latency.p99} ms`);
    await settle();

    const probes = {
      noop: routeProbe(qs, 'GET', '/health/live'),
      booking: routeProbe(qs, 'POST', '/v1/facilities/:facilityCode/tickets'),
      callNext: routeProbe(
        qs,
        'POST',
        '/v1/facilities/:facilityCode/counters/:counterCode/call-next',
      ),
    };
    const rampOpts = (label: string, serverProbe: ServerProbe, startRate = BENCH.rampStart) => ({
      serverProbe,
      startRate,
      refineSteps: BENCH.rampRefine,
      factor: BENCH.rampFactor,
      maxRate: BENCH.rampMax,
      stepMs: BENCH.stepMs,
      timeoutMs: BENCH.timeoutMs,
      limits: BENCH.limits,
      onStep: stepLine(label),
    });
    log('no-op route (GET /health/live) ramp');
    const noop: RampResult = await ramp(
      noopSender(qs),
      rampOpts('no-op', probes.noop, BENCH.rampStart * 20),
    );
    log('booking ramp (spread)');
    const booking: RampResult = await ramp(
      bookingSender(qs, 'spread'),
      rampOpts('booking', probes.booking),
    );
    await settle();
    const bookingFixed = booking.sustainableRate
      ? await fixedRates(
          bookingSender(qs, 'spread'),
          booking.sustainableRate,
          [0.25, 0.5, 0.7],
          stepLine('booking fixed'),
          probes.booking,
        )
      : [];
    log('redis-benchmark with the booking script');
    const redis = redisBenchmark(BENCH.redisPort);
    log(`redis-benchmark: ${JSON.stringify(redis)}`);
    const postgres = await postgresRoundTrip(stack.dbUrl('queue'), 100);
    stepLine('postgres SELECT 1')(postgres);
    results.booking = { noop, ramp: booking, fixed: bookingFixed, redisBenchmark: redis, postgres };
    await settle();

    log('call-next ramp');
    const callSend = callNextSender(qs, CALL_FACILITY, counters(BENCH.counters));
    const callRamp = await ramp(callSend, rampOpts('call-next', probes.callNext));
    const callFixed = callRamp.sustainableRate
      ? await fixedRates(
          callSend,
          callRamp.sustainableRate,
          [0.5, 0.7],
          stepLine('call-next fixed'),
          probes.callNext,
        )
      : [];
    results.callNext = { ramp: callRamp, fixed: callFixed, waitingTickets: callLine.length };
    await settle();

    log('hot key: one facility, one poli');
    const hot = await ramp(bookingSender(qs, 'hot'), rampOpts('hot', probes.booking));
    results.hotKey = { hot, spreadSustainable: booking.sustainableRate };
    await settle();

    // Twice what booking can do: the sustainable rate, or the best goodput any step reached when
    // noise held the sustainable rate (which also asks for p99 ≤ limit) below it.
    const capacity = Math.max(booking.sustainableRate, ...booking.steps.map((st) => st.goodput));
    const overloadRate = Math.max(1, Math.round(2 * capacity));
    log(`overload: booking at ${overloadRate}/s (2 × capacity ${capacity}/s)`);
    const overload = await probed(probes.booking, () =>
      runStep(
        overloadRate,
        BENCH.overloadMs,
        bookingSender(qs, 'spread'),
        BENCH.timeoutMs,
        BENCH.limits,
      ),
    );
    stepLine('overload')(overload);
    results.overload = { rate: overloadRate, capacity, result: overload };
    await settle();
    await runGateway();
  } catch (e) {
    // What was measured before the failure, for the post-mortem.
    mkdirSync(join(RESULTS_DIR, 'tmp'), { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'tmp/load.partial.json'), JSON.stringify(results, null, 2));
    throw e;
  } finally {
    await Promise.all([qs.close(), gw.close()]);
    log('stopping the services and the bench infrastructure');
    await stack.stop();
  }
  results.finishedAt = new Date().toISOString();
  results.durationS = round((Date.now() - t0) / 1000, 0);
  const paths = writeReport(results as LoadResults);
  log(`wrote ${paths.join(', ')}`);
}

main().catch((e: unknown) => {
  console.error(`[bench] ${(e as Error).stack ?? String(e)}`);
  process.exit(1);
});
