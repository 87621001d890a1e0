import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import Redis from 'ioredis';
import { AssignerProtocol, type Admin } from 'kafkajs';
import { Topic } from '@app/contracts';
import { createKafka } from '@app/messaging';
import {
  cardNumberFor,
  eventually,
  getJson,
  HttpReceiver,
  LiveClient,
  loginAs,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  SIMULATED_BPJS,
  simulatedAntrolUrl,
  type StackInstance,
  type StackSettings,
  startInstances,
  TEST_REDIS_URL,
  testStack,
  type TicketBody,
  TopicReader,
  waitForConsumerGroupCaughtUp,
  WebhookReceiver,
} from '@app/testing';
import { verifyWebhookSignature } from '../../apps/referral-service/src/webhooks/webhook-signature';
import {
  notificationEnv,
  type NotificationRow,
} from '../../apps/notification-service/test/e2e-support';

/**
 * Scale-out on real processes: two instances of every service (and two bpjs-bridges against one
 * bpjs-simulator) on one Kafka, one Redis and the same Postgres databases. Work goes through both
 * instances; the test proves it is shared through consumer groups, that nothing happens twice
 * (numbers, events, notifications, webhooks, BPJS calls, periodic jobs), that live state is the
 * same whichever instance is asked, and that killing one instance of each loses nothing.
 */
const SERVICES = [
  'queue-service',
  'referral-service',
  'notification-service',
  'gateway',
  'bpjs-bridge',
] as const;
type Svc = (typeof SERVICES)[number];
const SIM_PORT = 5309;
const portsOf = (i: number) => ({
  gateway: 5300 + 10 * i,
  'queue-service': 5301 + 10 * i,
  'referral-service': 5302 + 10 * i,
  'notification-service': 5303 + 10 * i,
  'bpjs-bridge': 5305 + 10 * i,
  'bpjs-simulator': SIM_PORT,
});

/** Hospitals whose keys land on Kafka partitions 1–5 of the six: both members get some of them. */
const HOSPITALS = ['9910R001', '9910R002', '9910R003', '9910R006', '9910R008'];
const PUSKESMAS = '9910R007';
const SECRET = 'rs-scale-webhook-secret-0123456789abcdef';
const BOOKINGS_PER_HOSPITAL = 6;
const OURS = new Set([...HOSPITALS, PUSKESMAS]);

const allDay = (quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));
const internist = (i: number) => `9${i}0002`;
const hospitalRecord = (i: number) => ({
  name: `RS Skala Uji ${i}`,
  type: 'FKRTL',
  district: 'Brebes',
  address: `Jl. Skala No. ${i}, Brebes`,
  latitude: -6.87 - i / 100,
  longitude: 109.04 + i / 100,
  polis: [
    { code: 'ANA', name: 'Anak', prefix: 'ANA', subspecialties: [] },
    { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] },
  ],
  doctors: [
    {
      code: `9${i}0001`,
      name: `dr. Anak ${i}, Sp.A`,
      poliCode: 'ANA',
      schedules: allDay(200, 200),
    },
    {
      code: internist(i),
      name: `dr. Dalam ${i}, Sp.PD`,
      poliCode: 'INT',
      schedules: allDay(50, 50),
    },
  ],
  counters: [
    { code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] },
    { code: 'ANA-1', name: 'Poli Anak ruang 1', station: 'poli', poliCodes: ['ANA'] },
    { code: 'ANA-2', name: 'Poli Anak ruang 2', station: 'poli', poliCodes: ['ANA'] },
  ],
});
const PUSKESMAS_RECORD = {
  name: 'Puskesmas Skala Uji',
  type: 'FKTP',
  district: 'Brebes',
  address: 'Jl. Puskesmas Skala, Brebes',
  latitude: -6.872,
  longitude: 109.043,
  polis: [{ code: 'UMU', name: 'Umum', prefix: 'U', subspecialties: [] }],
  doctors: [{ code: '970001', name: 'dr. Umum', poliCode: 'UMU', schedules: allDay(60, 60) }],
  counters: [{ code: 'L1', name: 'Loket 1', station: 'admisi', poliCodes: [] }],
};

interface Envelope {
  id: string;
  type: string;
  key: string;
  occurredAt: string;
  payload: Record<string, unknown>;
}
interface Referral {
  id: string;
  number: string;
  status: string;
  appointment: { bookingCode: string | null } | null;
}
interface Received {
  bookings: Array<{ kodebooking: string; tasks: Array<{ taskid: number; waktu: number }> }>;
  calls: Array<{
    path: string;
    kodebooking?: string;
    body: { taskid?: number };
    code: number;
    message: string;
  }>;
}

const todayIso = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
const plusDays = (d: string, n: number): string =>
  new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const countBy = <T>(xs: T[], key: (x: T) => string): Map<string, number> => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return m;
};
const repeated = (m: Map<string, number>): string[] =>
  [...m].filter(([, n]) => n > 1).map(([k, n]) => `${k}×${n}`);

async function put(url: string, body: unknown): Promise<number> {
  const res = await serviceFetch(url, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

/** Sum of events_consumed_total{outcome="handled"} on one process's /metrics. */
async function handledEvents(url: string): Promise<number> {
  const text = await (await serviceFetch(`${url}/metrics`)).text();
  let sum = 0;
  for (const line of text.split('\n'))
    if (line.startsWith('events_consumed_total{') && line.includes('outcome="handled"'))
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
  return sum;
}

/** Members of a consumer group and the partitions each holds. */
async function membersOf(admin: Admin, groupId: string) {
  const { groups } = await admin.describeGroups([groupId]);
  const g = groups[0];
  return {
    state: g.state,
    members: g.members.map((m) => {
      const a = AssignerProtocol.MemberAssignment.decode(m.memberAssignment);
      const partitions = Object.values(a?.assignment ?? {}).reduce((n, ps) => n + ps.length, 0);
      return { memberId: m.memberId, partitions };
    }),
  };
}

describe('scale-out: two instances of every service', () => {
  const base = testStack(portsOf(0));
  const logDir = join(REPO_ROOT, '.infra/test-logs/scale-out');
  const whatsappRef: { r?: HttpReceiver } = {};
  const hooks = new WebhookReceiver(SECRET, verifyWebhookSignature);
  const serial = 700_000_000 + randomInt(0, 90_000_000);
  let patient = 0;
  let instances: Array<StackInstance<Svc>> = [];
  let sim: ServiceProcess;
  let tickets: TopicReader;
  let referrals: TopicReader;
  let admin: Admin;
  const url = (i: number, s: Svc) => instances[i].procs[s].url;
  const queue = (i: number) => new QueueClient(url(i, 'queue-service'));
  /** Every booking this test made: facility and booking code. */
  const booked: Array<{ facility: string; code: string; number: number; via: number }> = [];
  const referralIds: string[] = [];

  const nextPatient = () => {
    patient += 1;
    const n = serial + patient;
    return { nik: nikFor(n), name: 'Siti Aminah', phone: phoneFor(n % 100_000_000) };
  };

  /** Books through gateway `via`; the gateway calls its own queue-service instance. */
  const book = async (facility: string, via: number): Promise<TicketBody> => {
    const p = nextPatient();
    const res = await postJson<TicketBody>(
      `${url(via, 'gateway')}/api/v1/facilities/${facility}/tickets`,
      { poliCode: 'ANA', patient: { nik: p.nik, phone: p.phone } },
    );
    expect([res.status, res.body.error]).toEqual([201, undefined]);
    booked.push({ facility, code: res.body.bookingCode, number: res.body.queueNumber, via });
    return res.body;
  };

  const refer = async (hospitalIndex: number, via: number): Promise<Referral> => {
    const res = await postJson<Referral>(`${url(via, 'referral-service')}/v1/referrals`, {
      originFacilityCode: PUSKESMAS,
      referringDoctor: 'dr. Umum',
      // A rujukan is for a JKN participant: its card number goes to BPJS with the hospital's ticket.
      patient: { ...nextPatient(), cardNumber: cardNumberFor(serial + patient) },
      diagnosisCode: 'E11.5',
      destination: { facilityCode: HOSPITALS[hospitalIndex], poliCode: 'INT' },
      plannedVisitDate: plusDays(todayIso(), 2),
    });
    expect(res.status).toBe(201);
    referralIds.push(res.body.id);
    return res.body;
  };
  const act = async (via: number, id: string, verb: string, body: unknown = {}) => {
    const res = await postJson<Referral>(
      `${url(via, 'referral-service')}/v1/referrals/${id}/${verb}`,
      body,
    );
    expect(res.status).toBe(200);
    return res.body;
  };
  const readReferral = async (via: number, id: string) =>
    (await getJson<Referral>(`${url(via, 'referral-service')}/v1/referrals/${id}`)).body;

  const ours = (reader: TopicReader) => reader.envelopes<Envelope>().filter((e) => OURS.has(e.key));

  /** Every running service's consumer group has read everything on the topics it follows. */
  const caughtUp = async (groups: Array<[string, Topic]>) =>
    Promise.all(
      groups.map(([g, t]) => waitForConsumerGroupCaughtUp(base.kafkaBrokers, g, t, 90_000)),
    );
  const GROUPS: Array<[string, Topic]> = [
    ['queue-service', Topic.ReferralReferrals],
    ['referral-service', Topic.QueueTickets],
    ['referral-service', Topic.QueueFacilities],
    ['notification-service', Topic.QueueTickets],
    ['notification-service', Topic.ReferralReferrals],
    ['bpjs-bridge', Topic.QueueTickets],
  ];

  beforeAll(async () => {
    await hooks.start();
    const whatsapp = await HttpReceiver.start();
    whatsappRef.r = whatsapp;
    const settings: StackSettings = {
      ...base,
      extraEnv: {
        ...base.extraEnv,
        'referral-service': {
          WEBHOOK_POLL_INTERVAL_MS: '100',
          WEBHOOK_RETRY_BASE_MS: '200',
          WEBHOOK_RETRY_MAX_MS: '800',
          // Leases (timeout + 5 s) longer than any send takes on a loaded machine: a lease that
          // runs out mid-send lets the other instance send again (allowed, but not what we test).
          WEBHOOK_TIMEOUT_MS: '5000',
          EXPIRY_SWEEP_INTERVAL_MS: '0',
        },
        'notification-service': notificationEnv({
          WHATSAPP_GATEWAY_URLS: whatsapp.url('/wa'),
          PROVIDER_TIMEOUT_MS: '5000',
          DISPATCH_LEASE_MS: '15000',
        }),
        'bpjs-bridge': {
          ANTROL_POLL_INTERVAL_MS: '100',
          ANTROL_RETRY_BASE_MS: '200',
          ANTROL_RETRY_MAX_MS: '2000',
          ANTROL_TIMEOUT_MS: '8000',
        },
      },
    };
    sim = new ServiceProcess('bpjs-simulator', settings, join(logDir, 'bpjs-simulator.log'));
    sim.start();
    instances = await startInstances(settings, logDir, SERVICES, [portsOf(0), portsOf(1)]);
    await sim.waitReady();
    admin = createKafka(base.kafkaBrokers.split(','), 'scale-out-admin').admin();
    await admin.connect();
    tickets = await new TopicReader(base.kafkaBrokers, Topic.QueueTickets).start();
    referrals = await new TopicReader(base.kafkaBrokers, Topic.ReferralReferrals).start();
    // Earlier test files may have left a backlog on the shared broker.
    await caughtUp(GROUPS);

    // Master data through both queue-services; BPJS credentials and webhooks through both of each.
    await queue(1).putFacility(PUSKESMAS, PUSKESMAS_RECORD);
    for (const [i, code] of HOSPITALS.entries()) {
      await queue(i % 2).putFacility(code, hospitalRecord(i));
      expect(
        await put(`${url((i + 1) % 2, 'bpjs-bridge')}/v1/facilities/${code}/bpjs-credentials`, {
          ...SIMULATED_BPJS,
          baseUrl: simulatedAntrolUrl(instances[0].settings),
        }),
      ).toBe(200);
      expect(
        await put(`${url(i % 2, 'referral-service')}/v1/hospitals/${code}/webhook`, {
          url: hooks.url,
          secret: SECRET,
        }),
      ).toBe(200);
    }
    // Both referral-services read the hospitals from queue.facilities.1 (one database).
    for (const i of [0, 1]) {
      await eventually(async () => {
        const r = await getJson<{ suggestions: Array<{ facilityCode: string }> }>(
          `${url(i, 'referral-service')}/v1/referral-destinations?origin=${PUSKESMAS}&poli=INT&limit=50`,
        );
        const known = r.body.suggestions.map((s) => s.facilityCode);
        for (const c of HOSPITALS) expect(known).toContain(c);
      }, 60_000);
    }
  }, 175_000);

  afterAll(async () => {
    await tickets?.stop();
    await referrals?.stop();
    await admin?.disconnect();
    await Promise.all(instances.flatMap((i) => SERVICES.map((s) => i.procs[s].stop())));
    await sim?.stop();
    await whatsappRef.r?.stop();
    await hooks.stop();
  });

  it('shares the work through consumer groups and does nothing twice', async () => {
    const wsA = await LiveClient.connect(`ws://127.0.0.1:${portsOf(0).gateway}/ws`);
    const wsB = await LiveClient.connect(`ws://127.0.0.1:${portsOf(1).gateway}/ws`);
    const watched = HOSPITALS[0];
    try {
      // Logged in at one instance, the desk's token works at the other too (same secret).
      const desk = await loginAs(url(0, 'gateway'), { role: 'desk', facilityCode: watched });
      for (const ws of [wsA, wsB]) {
        ws.send('subscribe', { facilityCode: watched });
        ws.send('subscribe-inbox', {
          recipient: `facility:${watched}`,
          accessToken: desk.accessToken,
        });
      }
      await eventually(() => {
        for (const ws of [wsA, wsB])
          expect(ws.received.map((m) => m.event)).toEqual(
            expect.arrayContaining(['subscribed', 'subscribed-inbox']),
          );
        return Promise.resolve();
      });

      // Bookings at once through both gateways (each on its own queue-service).
      await Promise.all(
        HOSPITALS.flatMap((h) =>
          Array.from({ length: BOOKINGS_PER_HOSPITAL }, (_, k) => book(h, k % 2)),
        ),
      );
      // Numbers are unique per poli and day: exactly 1..N at every hospital.
      for (const h of HOSPITALS) {
        const numbers = booked.filter((b) => b.facility === h).map((b) => b.number);
        expect(numbers.sort((a, b) => a - b)).toEqual(
          Array.from({ length: BOOKINGS_PER_HOSPITAL }, (_, k) => k + 1),
        );
      }
      for (const [k, b] of booked.entries())
        expect((await queue(k % 2).ticketOp(b.code, 'check-in')).status).toBe(200);

      // Live state: the board read through either queue-service is the same projection, and
      // matches a rebuild from Postgres.
      await expectSameBoards();

      // Two rooms call at once, ANA-1 through instance A and ANA-2 through instance B.
      await Promise.all(HOSPITALS.map((h) => drain(h)));

      // Both gateways pushed the same facility updates, including the calls made through B.
      await eventually(() => {
        const seen = (ws: LiveClient) =>
          ws.received.filter((m) => m.event.startsWith('queue.')).map((m) => JSON.stringify(m));
        const calledViaB = wsA.received.filter(
          (m) =>
            m.event === 'queue.ticket.called' &&
            (m.data.counter as { code?: string } | undefined)?.code === 'ANA-2',
        );
        expect(calledViaB.length).toBeGreaterThan(0);
        expect(seen(wsA).filter((m) => m.includes('service-finished')).length).toBe(
          BOOKINGS_PER_HOSPITAL,
        );
        expect(seen(wsB)).toEqual(seen(wsA));
        return Promise.resolve();
      }, 30_000);

      // Referrals: created, received and accepted through alternating instances; queue-service
      // (either instance) books the hospital ticket; the patient and the hospital are told.
      const made = await Promise.all(HOSPITALS.map((_, i) => refer(i, i % 2)));
      const visitDate = plusDays(todayIso(), 2);
      await Promise.all(
        made.map(async (r, i) => {
          await act((i + 1) % 2, r.id, 'receive');
          await act(i % 2, r.id, 'accept', { visitDate, doctorCode: internist(i) });
        }),
      );
      for (const [i, r] of made.entries())
        await eventually(
          async () => expect((await readReferral(i % 2, r.id)).status).toBe('scheduled'),
          60_000,
        );

      // The hospital desk's in-app message about a referral reaches its sessions on both gateways
      // (notification-service publishes it once, on Redis).
      await eventually(() => {
        for (const ws of [wsA, wsB]) {
          const inbox = ws.received.filter((m) => m.event === 'notification');
          expect(inbox.some((m) => JSON.stringify(m.data).includes(made[0].number))).toBe(true);
        }
        return Promise.resolve();
      }, 30_000);
    } finally {
      wsA.close();
      wsB.close();
    }

    await settle();

    // Each consumer group has both instances as members, each holding partitions...
    for (const group of [
      'queue-service',
      'referral-service',
      'notification-service',
      'bpjs-bridge',
    ]) {
      const g = await membersOf(admin, group);
      expect({ group, state: g.state, members: g.members.length }).toEqual({
        group,
        state: 'Stable',
        members: 2,
      });
      for (const m of g.members)
        expect({ group, partitions: m.partitions > 0 }).toEqual({ group, partitions: true });
    }
    // ...while each gateway is a group of its own (every instance pushes to its own browsers).
    const gatewayGroups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((id) => id.startsWith('gateway-live-'));
    const live = await Promise.all(gatewayGroups.map((g) => membersOf(admin, g)));
    const stableGateways = live.filter((g) => g.state === 'Stable' && g.members.length === 1);
    expect(stableGateways.length).toBeGreaterThanOrEqual(2);
    // Each holds every partition of the topics the gateway pushes from.
    const pushed = await admin.fetchTopicMetadata({
      topics: [Topic.QueueTickets, Topic.ReferralReferrals],
    });
    const allPartitions = pushed.topics.reduce((n, t) => n + t.partitions.length, 0);
    for (const g of stableGateways) expect(g.members[0].partitions).toBe(allPartitions);

    // ...and every instance really handled events of its own.
    for (const s of SERVICES)
      for (const i of [0, 1])
        expect({ s, i, handled: (await handledEvents(url(i, s))) > 0 }).toEqual({
          s,
          i,
          handled: true,
        });

    await expectNothingTwice();
  }, 175_000);

  it('applies a master-data change made through one instance at once on the other', async () => {
    const [h, doctor, date] = [HOSPITALS[4], '940001', plusDays(todayIso(), 1)];
    const bookDoctor = () =>
      queue(1).book(h, {
        poliCode: 'ANA',
        doctorCode: doctor,
        serviceDate: date,
        source: 'desk',
        patient: { nik: nextPatient().nik },
      });
    // Instance B has read the doctor's sessions and absences for that day (and may cache them)...
    expect((await bookDoctor()).status).toBe(201);
    // ...when the doctor's absence is declared through instance A: the patient booked is told.
    const declared = await postJson<{ affected: number }>(
      `${url(0, 'queue-service')}/v1/facilities/${h}/doctor-absences`,
      { doctorCode: doctor, date, reason: 'Tugas luar kota' },
    );
    expect([declared.status, declared.body.affected]).toEqual([201, 1]);
    // B refuses the next booking for that doctor at once: a ticket booked now would be missing
    // from the absence's list of patients to tell.
    const refused = await bookDoctor();
    expect([refused.status, refused.body.error?.code]).toEqual([422, 'QUEUE.DOCTOR_ABSENT']);
  });

  it('runs the periodic jobs on both instances at once and acts on each item once', async () => {
    // Tickets never checked in and referrals never answered, for the sweeps to find.
    const left = await Promise.all(HOSPITALS.map((h, i) => book(h, i % 2)));
    const unanswered = await Promise.all([refer(0, 0), refer(1, 1)]);
    const tomorrow = new Date(Date.now() + 36 * 3600_000).toISOString();
    const sweeps = await Promise.all(
      [0, 1].map((i) =>
        postJson<{ expired: number }>(
          `${url(i, 'queue-service')}/internal/v1/jobs/expire-tickets`,
          {
            at: tomorrow,
          },
        ),
      ),
    );
    expect(sweeps.map((s) => s.status)).toEqual([200, 200]);
    const later = new Date(Date.now() + 100 * 86_400_000).toISOString();
    const expiries = await Promise.all(
      [0, 1].map((i) =>
        postJson<{ expired: string[] }>(
          `${url(i, 'referral-service')}/internal/v1/jobs/expire-referrals`,
          { now: later },
        ),
      ),
    );
    expect(expiries.map((s) => s.status)).toEqual([200, 200]);
    const [a, b] = expiries.map((e) => e.body.expired);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
    for (const r of unanswered) expect([...a, ...b]).toContain(r.id);

    await eventually(() => {
      const expired = countBy(
        ours(tickets).filter((e) => e.type === 'queue.ticket.expired'),
        (e) => String(e.payload.bookingCode),
      );
      for (const t of left)
        expect({ t: t.bookingCode, n: expired.get(t.bookingCode) }).toEqual({
          t: t.bookingCode,
          n: 1,
        });
      const refExpired = countBy(
        ours(referrals).filter((e) => e.type === 'referral.expired'),
        (e) => String(e.payload.referralId),
      );
      for (const r of unanswered)
        expect({ r: r.id, n: refExpired.get(r.id) }).toEqual({ r: r.id, n: 1 });
      return Promise.resolve();
    }, 30_000);
    for (const t of left) {
      const h = await queue(1).get<{ tasks: Array<{ taskId: number }> }>(
        `/v1/tickets/${t.bookingCode}/history`,
      );
      expect(h.body.tasks.filter((x) => x.taskId === 99)).toHaveLength(1);
    }
    await settle();
    await expectNothingTwice();
  }, 120_000);

  it('loses nothing when one instance of each service is killed mid-run', async () => {
    const ws = await LiveClient.connect(`ws://127.0.0.1:${portsOf(0).gateway}/ws`);
    ws.send('subscribe', { facilityCode: HOSPITALS[1] });
    // Work in flight on both instances...
    const before = await Promise.all(HOSPITALS.flatMap((h) => [book(h, 0), book(h, 1)]));
    const r = await refer(2, 1);
    await act(1, r.id, 'receive');
    await act(1, r.id, 'accept', { visitDate: plusDays(todayIso(), 3), doctorCode: internist(2) });
    // ...then instance B of every service crashes.
    const killedAt = new Date();
    await Promise.all(SERVICES.map((s) => instances[1].procs[s].kill()));

    // The survivors carry on: more bookings, a referral, calls at the desk.
    const after = await Promise.all(HOSPITALS.map((h) => book(h, 0)));
    const r2 = await refer(3, 0);
    await act(0, r2.id, 'receive');
    await act(0, r2.id, 'accept', { visitDate: plusDays(todayIso(), 3), doctorCode: internist(3) });
    const mine = new Set([...before, ...after].map((t) => t.bookingCode));
    for (const b of booked.filter((x) => x.facility === HOSPITALS[1] && mine.has(x.code)))
      expect((await queue(0).ticketOp(b.code, 'check-in')).status).toBe(200);
    await drain(HOSPITALS[1], [0]);

    // After the rebalance the survivor holds every partition of each group.
    await eventually(
      async () => {
        for (const group of [
          'queue-service',
          'referral-service',
          'notification-service',
          'bpjs-bridge',
        ]) {
          const g = await membersOf(admin, group);
          expect({ group, members: g.members.length, state: g.state }).toEqual({
            group,
            members: 1,
            state: 'Stable',
          });
        }
      },
      60_000,
      500,
    );
    for (const ref of [r, r2])
      await eventually(
        async () => expect((await readReferral(0, ref.id)).status).toBe('scheduled'),
        60_000,
      );
    await eventually(() => {
      const finished = ws.received.filter((m) => m.event === 'queue.ticket.service-finished');
      expect(finished.length).toBeGreaterThan(0);
      return Promise.resolve();
    });
    ws.close();
    await settle([0]);
    await expectNothingTwice(killedAt);
  }, 175_000);

  /** Calls every checked-in ANA patient at `facility` from two rooms at once, one per instance. */
  async function drain(facility: string, via: number[] = [0, 1]): Promise<void> {
    const rooms = ['ANA-1', 'ANA-2'];
    for (let round = 0; round < 50; round++) {
      const calls = await Promise.all(
        rooms.map((c, k) => queue(via[k % via.length]).counterOp(facility, c, 'call-next')),
      );
      for (const c of calls)
        if (c.status !== 200) expect(c.body.error?.code).toBe('QUEUE.QUEUE_EMPTY');
      const got = calls.map((c, k) => [k, c] as const).filter(([, c]) => c.status === 200);
      if (got.length === 0) return;
      expect(new Set(got.map(([, c]) => c.body.ticketId)).size).toBe(got.length);
      await Promise.all(
        got.map(async ([k]) => {
          const q = queue(via[k % via.length]);
          expect((await q.counterOp(facility, rooms[k], 'start')).status).toBe(200);
          expect((await q.counterOp(facility, rooms[k], 'finish', { next: 'done' })).status).toBe(
            200,
          );
        }),
      );
    }
    throw new Error('line never emptied');
  }

  async function expectSameBoards(): Promise<void> {
    const strip = (b: unknown) =>
      JSON.parse(JSON.stringify(b, (k, v: unknown) => (k === 'at' ? undefined : v))) as unknown;
    const redis = new Redis(TEST_REDIS_URL);
    try {
      for (const h of HOSPITALS) {
        const [a, b] = await Promise.all(
          [0, 1].map(async (i) => (await queue(i).get(`/v1/facilities/${h}/board`)).body),
        );
        expect(strip(b)).toEqual(strip(a));
        expect((a as { queues: unknown[] }).queues.length).toBeGreaterThan(0);
        // Forget the projection: rebuilt from Postgres through the other instance, it is the same.
        await redis.del(`queue:{${h}}:${todayIso()}:ready`);
        const rebuilt = (await queue(1).get(`/v1/facilities/${h}/board`)).body;
        expect(strip(rebuilt)).toEqual(strip(a));
      }
    } finally {
      await redis.quit();
    }
  }

  /** Waits until every consumer group is at the end of its topics and every delivery is done. */
  async function settle(alive: number[] = [0, 1]): Promise<void> {
    await caughtUp(GROUPS);
    const whatsapp = whatsappRef.r!;
    const confirmed = new Set<string>();
    await eventually(
      async () => {
        // Every booking's confirmation reached the phone.
        for (const b of booked.filter((x) => !confirmed.has(x.code))) {
          const rows = (
            await getJson<NotificationRow[]>(
              `${url(alive[0], 'notification-service')}/v1/notifications?subject=ticket:${b.code}`,
            )
          ).body;
          const confirmation = rows.find((n) => n.template === 'ticket-booked@1');
          expect({ code: b.code, confirmed: confirmation !== undefined }).toEqual({
            code: b.code,
            confirmed: true,
          });
          expect(whatsapp.accepted().some((m) => m.idempotencyKey === confirmation!.id)).toBe(true);
          confirmed.add(b.code);
        }
        // Every hospital's BPJS queue is empty.
        for (const h of HOSPITALS) {
          const view = await getJson<{
            counts: { pending: number; failed: number };
            calls: Array<{ status: string }>;
          }>(`${url(alive[alive.length - 1], 'bpjs-bridge')}/v1/facilities/${h}/antrol?limit=1000`);
          // The calls not yet sent are in the message, so a failure says what BPJS refused.
          const unsent = view.body.calls.filter((c) => c.status !== 'sent');
          expect({ h, ...view.body.counts, unsent }).toEqual({
            h,
            pending: 0,
            failed: 0,
            sent: expect.any(Number),
            unsent: [],
          });
        }
        // Every referral event reached its hospital's webhook.
        for (const e of ours(referrals))
          expect({ e: e.id, hooked: hooks.deliveries.some((d) => d.body.includes(e.id)) }).toEqual({
            e: e.id,
            hooked: true,
          });
      },
      90_000,
      500,
    );
  }

  /**
   * Nothing happened twice: each event once on its topic, each notification once per (event,
   * recipient, template) and once at the phone, each hospital webhook once per event, each BPJS
   * call accepted once, each ticket told it is approaching at most once per station. Requests may
   * repeat once at the receivers, as the at-least-once contract allows (a send whose outcome could
   * not be recorded, under load or in a crash, is sent again with the same idempotency key, which
   * the receivers, as real gateways and BPJS do, absorb). After `crashedAt`, an event first
   * published before the crash may also repeat once (an instance died between publishing and
   * marking its outbox row); everything published after the crash is once.
   */
  async function expectNothingTwice(crashedAt?: Date): Promise<void> {
    const atMostTwice = (m: Map<string, number>) =>
      [...m].filter(([, n]) => n > 2).map(([k, n]) => `${k}×${n}`);
    for (const reader of [tickets, referrals]) {
      const all = ours(reader);
      const strict = all.filter((e) => !crashedAt || new Date(e.occurredAt) >= crashedAt);
      expect(repeated(countBy(strict, (e) => e.id))).toEqual([]);
      expect(atMostTwice(countBy(all, (e) => e.id))).toEqual([]);
    }
    const approaching = countBy(
      ours(tickets).filter((e) => e.type === 'queue.ticket.approaching'),
      (e) => `${String(e.payload.bookingCode)}@${String(e.payload.station)}`,
    );
    expect(repeated(approaching)).toEqual([]);

    const notifications = url(0, 'notification-service');
    const subjects = [
      ...booked.map((b) => `ticket:${b.code}`),
      ...referralIds.map((id) => `referral:${id}`),
    ];
    const rows: NotificationRow[] = [];
    for (const s of subjects)
      rows.push(
        ...(await getJson<NotificationRow[]>(`${notifications}/v1/notifications?subject=${s}`))
          .body,
      );
    expect(repeated(countBy(rows, (n) => `${n.eventId}/${n.recipient}/${n.template}`))).toEqual([]);
    const ids = new Set(rows.map((n) => n.id));
    const atPhone = countBy(
      whatsappRef.r!.acceptedRaw().filter((m) => ids.has(m.idempotencyKey ?? '')),
      (m) => m.idempotencyKey ?? '',
    );
    expect(atPhone.size).toBeGreaterThan(0);
    expect(atMostTwice(atPhone)).toEqual([]);

    const hooked = countBy(
      hooks.deliveries.map((d) => (JSON.parse(d.body) as Envelope).id),
      (id) => id,
    );
    expect(repeated(hooked)).toEqual([]);
    expect(atMostTwice(hooks.attempts)).toEqual([]);
    expect(hooks.rejectedSignatures).toBe(0);

    const received = (await getJson<Received>(`http://127.0.0.1:${SIM_PORT}/sim/v1/received`)).body;
    const callKey = (c: Received['calls'][number]) =>
      `${c.path} ${c.kodebooking} ${c.body.taskid ?? ''}`;
    const accepted = countBy(
      received.calls.filter((c) => c.code === 200),
      callKey,
    );
    expect(repeated(accepted)).toEqual([]);
    const tried = countBy(received.calls, callKey);
    // A call tried more than twice is shown with what BPJS answered to it.
    const answers = (key: string) =>
      [
        ...new Set(
          received.calls.filter((c) => callKey(c) === key).map((c) => `${c.code} ${c.message}`),
        ),
      ].join(' | ');
    expect([...tried].filter(([, n]) => n > 2).map(([k, n]) => `${k}×${n}: ${answers(k)}`)).toEqual(
      [],
    );
    // Every booking reached BPJS, with exactly its task ids in order, whichever bridge sent them.
    const atBpjs = new Map(received.bookings.map((x) => [x.kodebooking, x]));
    for (const b of booked) {
      const history = await queue(0).get<{ tasks: Array<{ taskId: number; at: number }> }>(
        `/v1/tickets/${b.code}/history`,
      );
      expect({
        code: b.code,
        tasks: atBpjs.get(b.code)?.tasks.map((t) => [t.taskid, t.waktu]),
      }).toEqual({
        code: b.code,
        tasks: history.body.tasks.map((t) => [t.taskId, t.at]),
      });
    }
  }
});
