import { join } from 'node:path';
import { GatewayModule } from '../../apps/gateway/src/app.module';
import type { AccessSpec } from '../../apps/gateway/src/auth/access';
import {
  controllersOf,
  declaredRoutes,
  type DeclaredRoute,
} from '../../apps/gateway/src/auth/route-table';
import { gatewayConfigSchema } from '../../apps/gateway/src/config';
import {
  bearer,
  eventually,
  getJson,
  LiveClient,
  loginAs,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  serviceEnv,
  startStack,
  TEST_HOSPITAL,
  testStack,
  type LiveMessage,
  type ServiceName,
  type ServiceProcess,
  type TestRole,
} from '@app/testing';

const ports = {
  gateway: 6400,
  'queue-service': 6401,
  'referral-service': 6402,
  'notification-service': 6403,
};
const HOSPITAL_A = '9916R001';
const HOSPITAL_B = '9916R002';
const FKTP_A = '9916P001';
const FKTP_B = '9916P002';
const DISTRICT_A = TEST_HOSPITAL.district;
const DISTRICT_B = 'Tegal';
const FKTP_RECORD = {
  ...TEST_HOSPITAL,
  name: 'Puskesmas Matriks Akses',
  type: 'FKTP',
  polis: [{ code: 'UMU', name: 'Umum', prefix: 'U', subspecialties: [] }],
  doctors: [],
  counters: [],
};
const tomorrowWib = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
    new Date(Date.now() + 2 * 86_400_000),
  );

type Who = 'anonymous' | 'bad-token' | 'patient' | TestRole;
const ROLES: readonly TestRole[] = [
  'desk',
  'fktp_doctor',
  'hospital_referral',
  'facility_admin',
  'district_officer',
  'system_admin',
];
const FACILITY_ROLES = ['desk', 'fktp_doctor', 'hospital_referral', 'facility_admin'];

/** What the declaration says, written out here on purpose rather than imported from the guard. */
function expectedAllowed(access: AccessSpec, who: Who): boolean {
  if (access.public) return true;
  if (who === 'anonymous' || who === 'bad-token') return false;
  if (who === 'system_admin' || access.roles.includes(who)) return true;
  return who === 'facility_admin' && access.roles.some((r) => FACILITY_ROLES.includes(r));
}

interface Answer {
  status: number;
  body: { error?: { code: string } } | null;
}

/**
 * Issue #7's access matrix, generated from the gateway's route metadata: every HTTP route the
 * gateway module mounts must declare who may use it, and a running gateway (on the real stack)
 * answers every route × role as declared (the patient row with a booking's token, or on a
 * patient's referral route with the token a referral's patient got by one-time code); every
 * facility-, district-, booking- or referral-scoped route refuses staff of another facility, and
 * a patient's referral route another patient. The same for the WebSocket channels.
 */
describe('access matrix', () => {
  const settings = testStack(ports);
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  let stack: Record<ServiceName, ServiceProcess>;
  const tokens: Partial<Record<Who, string>> = {};
  const otherFacility: Partial<Record<TestRole, string>> = {};
  let bookingA = '';
  let patientB = '';
  /** A referral of FKTP_A to HOSPITAL_A, and its patient's token (by one-time code). */
  let referral = { id: '', number: '', patient: { ref: '' } };
  let referralPatient = '';
  // The routes from the module the gateway runs (a config that parses, never used to connect).
  const config = gatewayConfigSchema.parse(serviceEnv('gateway', settings));
  const routes = declaredRoutes(controllersOf(GatewayModule.forRoot(config)));

  const home = (who: Who) =>
    who === 'fktp_doctor'
      ? FKTP_A
      : who === 'anonymous' || who === 'bad-token'
        ? HOSPITAL_A
        : HOSPITAL_A;

  /** A request to a route with its parameters filled for `facility`/`district`/`booking`. */
  async function call(
    route: DeclaredRoute,
    headers: Record<string, string>,
    scope: { facility: string; district: string; booking: string; referral: string },
  ): Promise<Answer> {
    const values: Record<string, string> = {
      facilityCode: scope.facility,
      district: scope.district,
      bookingCode: scope.booking,
      id: scope.referral,
      referralNumber: referral.number,
      code: 'A00',
      counterCode: 'L1',
      action: 'receive',
    };
    const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
      encodeURIComponent(values[name] ?? 'x'),
    );
    const query = route.path.endsWith('/referral-destinations')
      ? `?origin=${scope.facility}&poli=ANA`
      : '';
    const body =
      route.method === 'get'
        ? undefined
        : JSON.stringify(
            route.path === '/api/v1/referrals' ? { originFacilityCode: scope.facility } : {},
          );
    const res = await fetch(`${gateway}${path}${query}`, {
      method: route.method.toUpperCase(),
      headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
      body,
    });
    const text = await res.text();
    let parsed: Answer['body'] = null;
    try {
      parsed = text ? (JSON.parse(text) as Answer['body']) : null;
    } catch {
      parsed = null; // metrics are text
    }
    return { status: res.status, body: parsed };
  }

  /** The patient's token is the one their route is about: a referral's, else a booking's. */
  const headersOf = (who: Who, access?: AccessSpec): Record<string, string> =>
    who === 'anonymous'
      ? {}
      : who === 'bad-token'
        ? bearer('not-a-token')
        : who === 'patient' && access && !access.public && access.patientReferral
          ? bearer(referralPatient)
          : bearer(tokens[who] as string);

  beforeAll(async () => {
    stack = await startStack(settings, join(REPO_ROOT, '.infra/test-logs/access-matrix'));
    const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
    await queue.putFacility(HOSPITAL_A, TEST_HOSPITAL);
    await queue.putFacility(HOSPITAL_B, { ...TEST_HOSPITAL, district: DISTRICT_B });
    const book = async (facility: string, i: number) => {
      const res = await postJson<{ bookingCode: string; patientAccess: { accessToken: string } }>(
        `${gateway}/api/v1/facilities/${facility}/tickets`,
        { poliCode: 'ANA', patient: { nik: nikFor(991600 + i), phone: phoneFor(991600 + i) } },
      );
      expect(res.status).toBe(201);
      expect(res.body.patientAccess.accessToken).toEqual(expect.any(String));
      return res.body;
    };
    const a = await book(HOSPITAL_A, 1);
    bookingA = a.bookingCode;
    tokens.patient = a.patientAccess.accessToken;
    patientB = (await book(HOSPITAL_B, 2)).patientAccess.accessToken;
    await queue.putFacility(FKTP_A, FKTP_RECORD);
    for (const role of ROLES) {
      const facilityCode = role === 'fktp_doctor' ? FKTP_A : HOSPITAL_A;
      const otherCode = role === 'fktp_doctor' ? FKTP_B : HOSPITAL_B;
      const scoped = FACILITY_ROLES.includes(role);
      tokens[role] = (
        await loginAs(gateway, {
          role,
          ...(scoped && { facilityCode }),
          ...(role === 'district_officer' && { district: DISTRICT_A }),
        })
      ).accessToken;
      if (scoped || role === 'district_officer')
        otherFacility[role] = (
          await loginAs(gateway, {
            role,
            ...(scoped && { facilityCode: otherCode }),
            ...(role === 'district_officer' && { district: DISTRICT_B }),
          })
        ).accessToken;
    }
  });

  /** FKTP_A refers a patient to HOSPITAL_A; the patient signs in with the code sent to them. */
  beforeAll(async () => {
    const notifications = `http://127.0.0.1:${ports['notification-service']}`;
    const created = await eventually(async () => {
      const res = await postJson<typeof referral>(
        `${gateway}/api/v1/referrals`,
        {
          originFacilityCode: FKTP_A,
          referringDoctor: 'dr. Matriks',
          patient: { nik: nikFor(991690), name: 'Pasien Matriks', phone: phoneFor(991690) },
          diagnosisCode: 'E11.5',
          destination: { facilityCode: HOSPITAL_A, poliCode: 'INT' },
          plannedVisitDate: tomorrowWib(),
        },
        bearer(tokens.fktp_doctor as string),
      );
      expect(res.status).toBe(201); // once referral-service has learned both facilities
      return res.body;
    }, 60_000);
    referral = created;
    const messages = (recipient: string) =>
      getJson<Array<{ subject: string; body: string }>>(
        `${notifications}/v1/notifications?recipient=${encodeURIComponent(recipient)}`,
      );
    // notification-service has the patient's phone once it told the hospital of the referral.
    await eventually(async () => {
      const desk = await messages(`facility:${HOSPITAL_A}`);
      expect(JSON.stringify(desk.body)).toContain(created.id);
    }, 60_000);
    const from = { 'x-forwarded-for': '192.0.2.169' };
    const sent = await postJson(
      `${gateway}/api/v1/auth/patient/otp`,
      { referralNumber: created.number },
      from,
    );
    expect(sent.status).toBe(202);
    const code = await eventually(async () => {
      const mine = await messages(created.patient.ref);
      const found = mine.body
        .filter((n) => n.subject === `referral:${created.id}`)
        .map((n) => /: (\d{6})\./.exec(n.body)?.[1])
        .find((c) => c !== undefined);
      if (!found) throw new Error('no code yet');
      return found;
    });
    const verified = await postJson<{ accessToken: string }>(
      `${gateway}/api/v1/auth/patient/verify`,
      { referralNumber: created.number, otp: code },
      from,
    );
    expect(verified.status).toBe(200);
    referralPatient = verified.body.accessToken;
  });

  afterAll(async () => {
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
  });

  it('finds the routes and every one declares who may use it', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`);
    expect(undeclared).toEqual([]);
  });

  it('refuses staff of another facility or district on every scoped route', async () => {
    const scoped = routes.filter((r) => {
      const a = r.access;
      return a && !a.public && (a.facility || a.district || a.booking || a.patientReferral);
    });
    expect(scoped.length).toBeGreaterThan(5);
    const mismatches: string[] = [];
    for (const route of scoped) {
      const access = route.access as Exclude<AccessSpec, { public: true }>;
      // Each allowed non-admin role of the other facility/district, and the other booking's patient.
      const outsiders = access.roles.filter((r) => r !== 'system_admin');
      for (const who of outsiders) {
        const token = who === 'patient' ? patientB : otherFacility[who as TestRole];
        if (!token) continue;
        const res = await call(route, bearer(token), {
          facility: who === 'fktp_doctor' ? FKTP_A : HOSPITAL_A,
          district: DISTRICT_A,
          booking: bookingA,
          referral: '00000000-0000-4000-8000-000000000000',
        });
        if (res.status !== 403 || res.body?.error?.code !== 'AUTH.FACILITY_FORBIDDEN')
          mismatches.push(
            `${route.method.toUpperCase()} ${route.path} as ${who} of elsewhere: ${res.status} ${res.body?.error?.code ?? ''}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses WebSocket subscriptions without the right token, role or facility', async () => {
    const ws = await LiveClient.connect(`ws://127.0.0.1:${ports.gateway}/ws`);
    const answer = async (event: string, data: unknown): Promise<LiveMessage> => {
      const before = ws.received.length;
      ws.send(event, data);
      const deadline = Date.now() + 10_000;
      while (ws.received.length === before && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      return ws.received[before];
    };
    const cases: Array<[string, unknown, string]> = [
      ['subscribe-ticket', { bookingCode: bookingA }, 'AUTH.REQUIRED'],
      ['subscribe-ticket', { bookingCode: bookingA, accessToken: 'nope' }, 'AUTH.TOKEN_INVALID'],
      [
        'subscribe-ticket',
        { bookingCode: bookingA, accessToken: patientB },
        'AUTH.FACILITY_FORBIDDEN',
      ],
      [
        'subscribe-ticket',
        { bookingCode: bookingA, accessToken: otherFacility.desk },
        'AUTH.FACILITY_FORBIDDEN',
      ],
      [
        'subscribe-ticket',
        { bookingCode: bookingA, accessToken: tokens.fktp_doctor },
        'AUTH.FORBIDDEN',
      ],
      ['subscribe-referrals', { facilityCode: HOSPITAL_A }, 'AUTH.REQUIRED'],
      [
        'subscribe-referrals',
        { facilityCode: HOSPITAL_A, accessToken: otherFacility.hospital_referral },
        'AUTH.FACILITY_FORBIDDEN',
      ],
      [
        'subscribe-referrals',
        { facilityCode: HOSPITAL_A, accessToken: tokens.desk },
        'AUTH.FORBIDDEN',
      ],
      [
        'subscribe-referrals',
        { facilityCode: HOSPITAL_A, accessToken: tokens.patient },
        'AUTH.FORBIDDEN',
      ],
      [
        'subscribe-inbox',
        { recipient: `facility:${HOSPITAL_A}`, accessToken: otherFacility.desk },
        'AUTH.FACILITY_FORBIDDEN',
      ],
      [
        'subscribe-inbox',
        { recipient: `facility:${HOSPITAL_A}`, accessToken: tokens.patient },
        'AUTH.FORBIDDEN',
      ],
      ['subscribe-inbox', { recipient: `facility:${HOSPITAL_A}` }, 'AUTH.REQUIRED'],
      // A patient's inbox: only a token carrying that patientRef (a booking's does not).
      [
        'subscribe-inbox',
        { recipient: referral.patient.ref, accessToken: tokens.patient },
        'AUTH.FACILITY_FORBIDDEN',
      ],
      [
        'subscribe-inbox',
        { recipient: referral.patient.ref, accessToken: tokens.desk },
        'AUTH.FORBIDDEN',
      ],
    ];
    const got: string[] = [];
    for (const [event, data, code] of cases) {
      const m = await answer(event, data);
      if (m?.event !== 'error' || m.data.code !== code)
        got.push(
          `${event} ${JSON.stringify(data).slice(0, 60)}: ${JSON.stringify(m)} (expected ${code})`,
        );
    }
    expect(got).toEqual([]);
    // And the rightful ones are subscribed.
    expect(
      (await answer('subscribe-ticket', { bookingCode: bookingA, accessToken: tokens.patient }))
        .event,
    ).toBe('subscribed-ticket');
    expect(
      (await answer('subscribe-ticket', { bookingCode: bookingA, accessToken: tokens.desk })).event,
    ).toBe('subscribed-ticket');
    expect(
      (
        await answer('subscribe-referrals', {
          facilityCode: HOSPITAL_A,
          accessToken: tokens.hospital_referral,
        })
      ).event,
    ).toBe('subscribed-referrals');
    expect(
      (
        await answer('subscribe-inbox', {
          recipient: `facility:${HOSPITAL_A}`,
          accessToken: tokens.facility_admin,
        })
      ).event,
    ).toBe('subscribed-inbox');
    expect(
      (
        await answer('subscribe-inbox', {
          recipient: referral.patient.ref,
          accessToken: referralPatient,
        })
      ).event,
    ).toBe('subscribed-inbox');
    expect((await answer('subscribe', { facilityCode: HOSPITAL_A })).event).toBe('subscribed');
    ws.close();
  });

  it('answers every route × role as declared (logout last: it ends the session)', async () => {
    const ordered = [
      ...routes.filter((r) => !r.path.endsWith('/logout')),
      ...routes.filter((r) => r.path.endsWith('/logout')),
    ];
    const mismatches: string[] = [];
    const whos: Who[] = ['anonymous', 'bad-token', 'patient', ...ROLES];
    for (const route of ordered) {
      for (const who of whos) {
        const access = route.access as AccessSpec;
        const res = await call(route, headersOf(who, access), {
          facility: home(who),
          district: DISTRICT_A,
          booking: bookingA,
          referral: '00000000-0000-4000-8000-000000000000',
        });
        const allowed = expectedAllowed(access, who);
        const code = res.body?.error?.code;
        const denied = res.status === 401 || res.status === 403;
        const wantCode =
          who === 'anonymous'
            ? 'AUTH.REQUIRED'
            : who === 'bad-token'
              ? 'AUTH.TOKEN_INVALID'
              : 'AUTH.FORBIDDEN';
        const ok = allowed ? !denied && res.status < 500 : denied && code === wantCode;
        if (!ok)
          mismatches.push(
            `${route.method.toUpperCase()} ${route.path} as ${who}: ${res.status} ${code ?? ''} (expected ${allowed ? 'allowed' : wantCode})`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
