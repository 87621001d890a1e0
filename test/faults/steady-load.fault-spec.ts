import { join } from 'node:path';
import {
  ALL_SERVICES,
  DEMO_INTERNAL_API_TOKEN,
  eventually,
  type FaultRow,
  faultsStack,
  getJson,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  HttpReceiver,
  PrivateKafka,
  PrivatePostgres,
  PrivateRedis,
  QueueClient,
  recordFaultResults,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  startStack,
  WebhookReceiver,
  type StackServiceName,
} from '@app/testing';
import { createKafka } from '@app/messaging';
import { verifyWebhookSignature } from '../../apps/referral-service/src/webhooks/webhook-signature';
import { AntrolInvariant } from './support/antrol';
import { Invariants, type Tally } from './support/invariants';
import { SteadyLoad } from './support/load';

const PORTS = {
  gateway: 5400,
  'queue-service': 5401,
  'referral-service': 5402,
  'notification-service': 5403,
  'bpjs-bridge': 5405,
  'bpjs-simulator': 5406,
};
const SPARE_NOTIFIER_PORT = 5404;
const HOSPITAL = '9907R001';
const REFERRAL_HOSPITAL = '9907R002';
const PUSKESMAS = '9907R003';
const SECRET = 'faults-webhook-secret-0123456789abcdef';
const SUBSET = process.env.FAULTS_SUBSET === '1';
/** How long the load runs around each fault after it recovered. */
const SETTLE_MS = SUBSET ? 4_000 : 8_000;
const LOGS = join(REPO_ROOT, '.infra/test-logs/faults');
/** How long a restarted service or broker may take to be ready again on a loaded machine. */
const READY_MS = 180_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const allDay = (quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));
const facility = (name: string, type: 'FKTP' | 'FKRTL', poli: string, doctor: string) => ({
  name,
  type,
  district: 'Brebes',
  address: 'Jl. Uji Gangguan No. 1',
  latitude: -6.87,
  longitude: 109.04,
  polis: [{ code: poli, name: poli, prefix: poli, subspecialties: [] }],
  doctors: [{ code: doctor, name: `dr. ${poli}`, poliCode: poli, schedules: allDay(5000, 5000) }],
  counters: [
    { code: `${poli}-1`, name: 'Ruang 1', station: 'poli', poliCodes: [poli] },
    { code: `${poli}-2`, name: 'Ruang 2', station: 'poli', poliCodes: [poli] },
  ],
});

interface Fault {
  name: string;
  /** Injects the fault and waits until the system is back; may return a note for the report. */
  inject: () => Promise<string | void>;
}

/**
 * Steady load (bookings, front-desk work, referrals) while one fault after another hits the
 * system; after each, the real stores are checked: nothing acknowledged is lost, nothing is done
 * twice. Kafka, Redis and Postgres are the suite's own (see support/global-setup.ts).
 */
describe('faults under steady load', () => {
  const settings = faultsStack(PORTS);
  settings.extraEnv = {
    ...settings.extraEnv,
    'referral-service': {
      WEBHOOK_POLL_INTERVAL_MS: '100',
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_RETRY_MAX_MS: '1000',
      EXPIRY_SWEEP_INTERVAL_MS: '0',
    },
    'bpjs-bridge': {
      ANTROL_POLL_INTERVAL_MS: '100',
      ANTROL_RETRY_BASE_MS: '200',
      ANTROL_RETRY_MAX_MS: '2000',
    },
  };
  // Sent on every backend call already: backend routes are moving behind the internal bearer.
  const internal = {
    authorization: `Bearer ${settings.internalApiToken ?? DEMO_INTERNAL_API_TOKEN}`,
  };
  const kafka = new PrivateKafka();
  const redis = new PrivateRedis();
  const postgres = new PrivatePostgres();
  const hospital = new WebhookReceiver(SECRET, verifyWebhookSignature);
  const rows: FaultRow[] = [];
  let sms: HttpReceiver;
  let stack: Record<StackServiceName, ServiceProcess>;
  let invariants: Invariants;
  let antrol: AntrolInvariant;
  let load: SteadyLoad;
  let previous: Tally = { lost: 0, duplicated: 0, problems: [] };

  const notifierEnv = () => ({
    SMS_GATEWAY_URLS: sms.url('/sms'),
    CHANNEL_ORDER: 'sms',
    QUIET_HOURS_DEFAULT: 'off',
    DISPATCH_POLL_MS: '100',
    DISPATCH_RETRY_BASE_MS: '100',
    DISPATCH_RETRY_MAX_MS: '1000',
    DISPATCH_LEASE_MS: '3000',
    DISPATCH_MAX_ATTEMPTS: '50',
    PROVIDER_RATE_PER_SEC: '200',
  });

  const restart = async (name: StackServiceName) => {
    await stack[name].kill();
    await stack[name].start().waitReady(READY_MS);
  };

  /**
   * A second notification-service joins the group, then the first is frozen (SIGSTOP) until the
   * broker has dropped it from the group: admin describeGroups must show the spare alone, holding
   * every partition. Then the first thaws, rejoins, and the spare leaves.
   */
  const stallNotifier = async (): Promise<string> => {
    const admin = createKafka([settings.kafkaBrokers], 'faults-group-watch').admin();
    await admin.connect();
    const group = 'notification-service';
    const members = async () => {
      const { groups } = await admin.describeGroups([group]);
      return { state: groups[0]?.state, ids: groups[0]?.members.map((m) => m.memberId) ?? [] };
    };
    const spare = new ServiceProcess(
      'notification-service',
      { ...settings, ports: { ...settings.ports, 'notification-service': SPARE_NOTIFIER_PORT } },
      join(LOGS, 'notification-service-spare.log'),
      notifierEnv(),
    );
    try {
      let stalled = '';
      await eventually(
        async () => {
          const g = await members();
          expect(g.ids).toHaveLength(1);
          stalled = g.ids[0]!;
        },
        READY_MS,
        500,
      );
      await spare.start().waitReady(READY_MS);
      await eventually(async () => expect((await members()).ids).toHaveLength(2), READY_MS, 500);
      const pid = stack['notification-service'].pid!;
      process.kill(pid, 'SIGSTOP');
      try {
        // The broker waits a session timeout (10 s) for a heartbeat, then rebalances.
        await eventually(
          async () => {
            const g = await members();
            expect(g.state).toBe('Stable');
            expect(g.ids).toHaveLength(1);
            expect(g.ids).not.toContain(stalled);
          },
          READY_MS,
          500,
        );
        // The spare alone does the work for a while.
        await sleep(SETTLE_MS / 2);
      } finally {
        process.kill(pid, 'SIGCONT');
      }
      await eventually(async () => expect((await members()).ids).toHaveLength(2), READY_MS, 500);
      return 'describeGroups showed the stalled member dropped and the spare alone in the group';
    } finally {
      await spare.stop();
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    sms = await HttpReceiver.start();
    await hospital.start();
    settings.extraEnv = { ...settings.extraEnv, 'notification-service': notifierEnv() };
    stack = await startStack(settings, LOGS, ALL_SERVICES);
    const queue = new QueueClient(stack['queue-service'].url);
    await queue.putFacility(HOSPITAL, facility('RS Uji Gangguan', 'FKRTL', 'ANA', '990701'));
    await queue.putFacility(
      REFERRAL_HOSPITAL,
      facility('RS Rujukan Gangguan', 'FKRTL', 'INT', '990702'),
    );
    await queue.putFacility(PUSKESMAS, facility('Puskesmas Gangguan', 'FKTP', 'UMU', '990703'));
    await eventually(async () => {
      const r = await getJson<{ suggestions: Array<{ facilityCode: string }> }>(
        `${stack['referral-service'].url}/v1/referral-destinations?origin=${PUSKESMAS}&poli=INT`,
      );
      expect(r.body.suggestions.map((s) => s.facilityCode)).toContain(REFERRAL_HOSPITAL);
    }, 60_000);
    // The booked facility reports to BPJS Antrol (the simulator): bookings and task ids flow.
    const credentials = await serviceFetch(
      `${stack['bpjs-bridge'].url}/v1/facilities/${HOSPITAL}/bpjs-credentials`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...internal },
        body: JSON.stringify({ ...SIMULATED_BPJS, baseUrl: simulatedAntrolUrl(settings) }),
      },
    );
    expect(credentials.status).toBe(200);
    antrol = new AntrolInvariant(
      {
        queue: stack['queue-service'].url,
        bridge: stack['bpjs-bridge'].url,
        sim: stack['bpjs-simulator'].url,
      },
      HOSPITAL,
      internal,
    );
    const hook = await serviceFetch(
      `${stack['referral-service'].url}/v1/hospitals/${REFERRAL_HOSPITAL}/webhook`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ url: hospital.url, secret: SECRET }),
      },
    );
    expect(hook.status).toBe(200);
    invariants = new Invariants(
      settings.databaseUrls,
      HOSPITAL,
      settings.kafkaBrokers,
      sms,
      hospital,
    );
    load = new SteadyLoad(
      {
        gateway: stack.gateway.url,
        queue: stack['queue-service'].url,
        referral: stack['referral-service'].url,
        facility: HOSPITAL,
        poli: 'ANA',
        counters: ['ANA-1', 'ANA-2'],
        puskesmas: PUSKESMAS,
        hospital: REFERRAL_HOSPITAL,
        hospitalDoctor: '990702',
      },
      { bookingsPerSec: SUBSET ? 1.5 : 2, referralsPerSec: 0.25 },
    );
  }, 300_000);

  afterAll(async () => {
    await load?.stop();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
    await sms?.stop();
    await hospital.stop();
  });

  const faults: Fault[] = [
    { name: 'kill -9 queue-service, restart', inject: () => restart('queue-service') },
    {
      name: 'kill -9 notification-service, restart',
      inject: () => restart('notification-service'),
    },
    {
      name: 'restart Redis (all its data wiped)',
      inject: () => redis.restart(),
    },
    ...(SUBSET
      ? []
      : [
          { name: 'kill -9 referral-service, restart', inject: () => restart('referral-service') },
          { name: 'kill -9 gateway, restart', inject: () => restart('gateway') },
          { name: 'kill -9 bpjs-bridge, restart', inject: () => restart('bpjs-bridge') },
          { name: 'restart the Kafka broker', inject: () => kafka.restart() },
          {
            name: 'restart Postgres (immediate stop: a crash)',
            inject: async () => {
              await postgres.crash();
              await new Promise((r) => setTimeout(r, 2_000));
              await postgres.start();
            },
          },
          {
            name: 'stall a notification-service consumer past its session timeout (SIGSTOP)',
            inject: () => stallNotifier(),
          },
        ]),
  ];

  it.each(faults.map((f) => [f.name, f] as const))('%s', async (_name, fault) => {
    const before = {
      bookings: load.bookings.length,
      referrals: load.referrals.length,
      desk: { ...load.desk },
    };
    load.setPhase(fault.name);
    load.start();
    let failure: Error | undefined;
    let note: string | void = undefined;
    let injectedMs = 0;
    try {
      await sleep(SETTLE_MS / 2);
      const injecting = Date.now();
      note = await fault.inject();
      injectedMs = Date.now() - injecting;
      await sleep(SETTLE_MS);
    } catch (e) {
      failure = e as Error;
    }
    // Even when the fault step failed, the load is brought to rest and the stores are checked, so
    // the fault keeps its row in the report.
    const quieting = Date.now();
    await load.stop();
    const quietMs = Date.now() - quieting;
    const checking = Date.now();
    const stores = await invariants.check(load);
    const bpjs = await antrol.check(load, READY_MS);
    const total: Tally = {
      ...stores,
      lost: stores.lost + bpjs.lost,
      duplicated: stores.duplicated + bpjs.duplicated,
      problems: [...stores.problems, ...bpjs.problems],
    };
    const checkedMs = Date.now() - checking;
    const bookings = load.bookings.slice(before.bookings);
    const referrals = load.referrals.slice(before.referrals);
    const desk = {
      sent: load.desk.sent - before.desk.sent,
      ok: load.desk.ok - before.desk.ok,
      refused: load.desk.refused - before.desk.refused,
    };
    const row: FaultRow = {
      fault: fault.name,
      requests: bookings.length + referrals.length + desk.sent,
      accepted:
        [...bookings, ...referrals].filter((r) => r.outcome === 'accepted').length + desk.ok,
      lost: Math.max(0, total.lost - previous.lost),
      duplicated: Math.max(0, total.duplicated - previous.duplicated),
      notes: [
        `${bookings.length} bookings (${bookings.filter((b) => b.attempts > 1).length} retried with the same key)`,
        `${referrals.length} referrals sent, received, accepted`,
        `${desk.sent} front-desk calls (${desk.ok} done, ${desk.refused} refused: nobody waiting or already done)`,
        ...(note ? [note] : []),
        bpjs.summary,
        `fault and recovery ${Math.round(injectedMs / 1000)} s, clients answered ${Math.round(quietMs / 1000)} s later, check ${Math.round(checkedMs / 1000)} s` +
          (total.slow?.length ? ` (${total.slow.join(', ')})` : ''),
        ...(failure ? [`FAULT STEP FAILED: ${failure.message}`] : []),
        ...total.problems,
      ].join('; '),
    };
    rows.push(row);
    previous = total;
    recordFaultResults('steady-load', rows);
    if (failure) throw failure;
    expect(total.problems).toEqual([]);
  });
});
