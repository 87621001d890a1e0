import { join } from 'node:path';
import {
  bearer,
  createAccount,
  getJson,
  login,
  loginAs,
  nikFor,
  phoneFor,
  postJson,
  QueueClient,
  REPO_ROOT,
  startStack,
  TEST_HOSPITAL,
  testStack,
  type LoginAnswer,
  type ServiceName,
  type ServiceProcess,
} from '@app/testing';

const ports = {
  gateway: 6410,
  'queue-service': 6411,
  'referral-service': 6412,
  'notification-service': 6413,
};
const HOSPITAL = '9916R011';
const OTHER = '9916R012';
const PARTNER_ORIGIN = 'https://mitra.example.id';
const BOOKINGS_PER_IP = 4;
/** A client address of this run's own (the gateway trusts one proxy hop, as behind an ingress). */
const clientAddress = () =>
  `198.51.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;

interface ErrorBody {
  error: { code: string; message: string; stack?: unknown };
}

/**
 * Staff sessions end to end against the real stack, with the gateway's real abuse limits (not the
 * raised ones other tests use): login, refresh rotation and reuse detection, logout, accounts
 * per role, login and booking floods answered 429, and the security headers.
 */
describe('auth sessions and abuse limits', () => {
  const base = testStack(ports);
  const settings = {
    ...base,
    extraEnv: {
      ...base.extraEnv,
      gateway: {
        RATE_LIMIT_BOOKING_IP_PER_MINUTE: String(BOOKINGS_PER_IP),
        // Other files log in from 127.0.0.1 too (the counters live in the shared Redis): the
        // per-IP login limit stays out of the way; per IP + username is what is tested here.
        RATE_LIMIT_LOGIN_IP_PER_MINUTE: '100000',
        CORS_ORIGINS: PARTNER_ORIGIN,
      },
    },
  };
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  let stack: Record<ServiceName, ServiceProcess>;

  beforeAll(async () => {
    stack = await startStack(settings, join(REPO_ROOT, '.infra/test-logs/auth-sessions'));
    await new QueueClient(`http://127.0.0.1:${ports['queue-service']}`).putFacility(
      HOSPITAL,
      TEST_HOSPITAL,
    );
  });

  afterAll(async () => {
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
  });

  const refresh = (refreshToken: string) =>
    postJson<LoginAnswer & ErrorBody>(`${gateway}/api/v1/auth/refresh`, { refreshToken });
  const me = (token: string) => getJson<ErrorBody>(`${gateway}/api/v1/auth/me`, bearer(token));

  it('answers a wrong password and an unknown user the same, and refuses unknown fields', async () => {
    await createAccount(gateway, {
      username: 'desk-salah',
      password: 'kata-sandi-benar-1',
      displayName: 'Loket',
      role: 'desk',
      facilityCode: HOSPITAL,
    });
    const wrong = await postJson<ErrorBody>(`${gateway}/api/v1/auth/login`, {
      username: 'desk-salah',
      password: 'salah',
    });
    const unknown = await postJson<ErrorBody>(`${gateway}/api/v1/auth/login`, {
      username: 'tidak-ada',
      password: 'salah',
    });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual(wrong);
    expect(wrong.body.error.code).toBe('AUTH.INVALID_CREDENTIALS');
    const extra = await postJson<ErrorBody>(`${gateway}/api/v1/auth/login`, {
      username: 'desk-salah',
      password: 'kata-sandi-benar-1',
      role: 'system_admin',
    });
    expect(extra.status).toBe(400);
    expect(extra.body.error.code).toBe('COMMON.VALIDATION_FAILED');
  });

  it('rotates refresh tokens, kills the family on reuse, and logs out at once', async () => {
    const session = await loginAs(gateway, { role: 'desk', facilityCode: HOSPITAL });
    expect((await me(session.accessToken)).status).toBe(200);

    const next = await refresh(session.refreshToken);
    expect(next.status).toBe(200);
    expect(next.body.refreshToken).not.toBe(session.refreshToken);
    expect(next.body.account.username).toBe(session.account.username);

    // The old one again: reuse. The whole family dies, the newest token included.
    const reused = await refresh(session.refreshToken);
    expect(reused.status).toBe(401);
    expect(reused.body.error.code).toBe('AUTH.REFRESH_REUSED');
    expect((await refresh(next.body.refreshToken)).status).toBe(401);
    expect((await refresh('tidak-dikenal')).body.error.code).toBe('AUTH.REFRESH_INVALID');

    // Logout: the access token is refused immediately, and so is its refresh token.
    const other = await loginAs(gateway, { role: 'desk', facilityCode: HOSPITAL });
    const out = await fetch(`${gateway}/api/v1/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bearer(other) },
      body: JSON.stringify({ refreshToken: other.refreshToken }),
    });
    expect(out.status).toBe(204);
    const after = await me(other.accessToken);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('AUTH.TOKEN_INVALID');
    expect((await refresh(other.refreshToken)).status).toBe(401);
  });

  it('lets a facility admin manage only its own facility staff', async () => {
    const admin = await loginAs(gateway, { role: 'facility_admin', facilityCode: HOSPITAL });
    const create = (body: Record<string, unknown>) =>
      postJson<ErrorBody & { username: string }>(`${gateway}/api/v1/accounts`, body, bearer(admin));
    const desk = {
      username: 'loket-rs-011',
      password: 'kata-sandi-loket-1',
      displayName: 'Loket 1',
      role: 'desk',
    };
    expect((await create({ ...desk, facilityCode: HOSPITAL })).status).toBe(201);
    expect((await create({ ...desk, facilityCode: HOSPITAL })).body.error.code).toBe(
      'AUTH.USERNAME_TAKEN',
    );
    const elsewhere = await create({ ...desk, username: 'loket-lain', facilityCode: OTHER });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([403, 'AUTH.FACILITY_FORBIDDEN']);
    const sysadmin = await create({
      username: 'bukan-admin',
      password: 'kata-sandi-admin-1',
      displayName: 'x',
      role: 'system_admin',
    });
    expect([sysadmin.status, sysadmin.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const list = await getJson<Array<{ facilityCode: string | null }>>(
      `${gateway}/api/v1/accounts`,
      bearer(admin),
    );
    expect(list.status).toBe(200);
    expect(new Set(list.body.map((a) => a.facilityCode))).toEqual(new Set([HOSPITAL]));
    // Staff below admin cannot manage accounts at all.
    const deskSession = await login(gateway, 'loket-rs-011', 'kata-sandi-loket-1');
    const denied = await getJson<ErrorBody>(`${gateway}/api/v1/accounts`, bearer(deskSession));
    expect([denied.status, denied.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
  });

  it('answers a login flood with 429 and Retry-After, even for the right password', async () => {
    await createAccount(gateway, {
      username: 'target-flood',
      password: 'kata-sandi-target-1',
      displayName: 'Target',
      role: 'desk',
      facilityCode: HOSPITAL,
    });
    const attempt = (password: string) =>
      fetch(`${gateway}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'target-flood', password }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await attempt(`tebakan-${i}`)).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const limited = await attempt('kata-sandi-target-1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await limited.json()) as ErrorBody;
    expect(body.error.code).toBe('COMMON.RATE_LIMITED');
    expect(body.error.message).toMatch(/Terlalu banyak permintaan/);
  });

  it('answers a booking flood from one address with 429', async () => {
    const statuses: number[] = [];
    const from = { 'x-forwarded-for': clientAddress() };
    for (let i = 0; i < BOOKINGS_PER_IP + 2; i++) {
      const res = await postJson<ErrorBody>(
        `${gateway}/api/v1/facilities/${HOSPITAL}/tickets`,
        { poliCode: 'ANA', patient: { nik: nikFor(991700 + i), phone: phoneFor(991700 + i) } },
        from,
      );
      statuses.push(res.status);
      if (res.status === 429) expect(res.body.error.code).toBe('COMMON.RATE_LIMITED');
    }
    expect(statuses).toEqual([...Array(BOOKINGS_PER_IP).fill(201), 429, 429]);
  });

  it('opens a booking on another device with a one-time code that cannot be guessed', async () => {
    const notifications = `http://127.0.0.1:${ports['notification-service']}`;
    const booked = await postJson<{ bookingCode: string }>(
      `${gateway}/api/v1/facilities/${HOSPITAL}/tickets`,
      { poliCode: 'ANA', patient: { nik: nikFor(991800), phone: phoneFor(991800) } },
      { 'x-forwarded-for': clientAddress() }, // not the booking flood's address
    );
    expect(booked.status).toBe(201);
    const code = booked.body.bookingCode;
    // An address of this test's own: the per-IP one-time-code counters live in the run's shared
    // Redis, and files before this one (the access matrix) send from 127.0.0.1 too.
    const phoneAddress = { 'x-forwarded-for': clientAddress() };
    const requestOtp = () =>
      postJson<ErrorBody>(
        `${gateway}/api/v1/auth/patient/otp`,
        { bookingCode: code },
        phoneAddress,
      );
    const verify = (otp: string) =>
      postJson<ErrorBody & { accessToken: string }>(
        `${gateway}/api/v1/auth/patient/verify`,
        { bookingCode: code, otp },
        phoneAddress,
      );
    /** The code as the patient's phone gets it: the message notification-service recorded. */
    const sentCodes = async () =>
      (
        await getJson<Array<{ body: string; eventType?: string }>>(
          `${notifications}/v1/notifications?subject=ticket:${code}`,
        )
      ).body
        .map((n) => /: (\d{6})\./.exec(n.body)?.[1])
        .filter((c): c is string => c !== undefined);

    // notification-service learns the booking from its event (its confirmation shows it).
    for (let i = 0; i < 100; i++) {
      const listed = await getJson<unknown[]>(
        `${notifications}/v1/notifications?subject=ticket:${code}`,
      );
      if (listed.body.length > 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect((await requestOtp()).status).toBe(202);
    const first = (await sentCodes())[0];
    expect(first).toMatch(/^\d{6}$/);
    const wrong = first === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await verify(wrong);
      expect([res.status, res.body.error.code]).toEqual([401, 'AUTH.OTP_INVALID']);
    }
    // The sixth attempt is refused even with the right code: at most 5 guesses per code.
    const sixth = await verify(first);
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'COMMON.RATE_LIMITED']);
    expect((await verify(first)).status).toBe(401); // the code is gone

    const sentBefore = (await sentCodes()).length;
    expect((await requestOtp()).status).toBe(202);
    const codes = await sentCodes();
    expect(codes.length).toBe(sentBefore + 1);
    const fresh = codes[0]; // newest first
    const ok = await verify(fresh);
    expect(ok.status).toBe(200);
    const ticket = await getJson(`${gateway}/api/v1/tickets/${code}`, bearer(ok.body.accessToken));
    expect(ticket.status).toBe(200);
    // Sending is limited per booking (3 an hour by default): a third goes, the fourth does not.
    expect((await requestOtp()).status).toBe(202);
    const limited = await requestOtp();
    expect([limited.status, limited.body.error.code]).toEqual([429, 'COMMON.RATE_LIMITED']);
  });

  it('sends security headers, allows only the configured origin, and never a stack trace', async () => {
    const res = await fetch(`${gateway}/api/v1/facilities`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const preflight = (origin: string) =>
      fetch(`${gateway}/api/v1/auth/login`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    expect((await preflight(PARTNER_ORIGIN)).headers.get('access-control-allow-origin')).toBe(
      PARTNER_ORIGIN,
    );
    expect(
      (await preflight('https://jahat.example')).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const broken = await fetch(`${gateway}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"username":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(/at .*\.js:\d+/);
  });
});
