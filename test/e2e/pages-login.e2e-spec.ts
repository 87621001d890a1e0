import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  clearScreenshots,
  eventually,
  getJson,
  HttpReceiver,
  launchBrowser,
  postJson,
  QueueClient,
  REPO_ROOT,
  startStack,
  TEST_HOSPITAL,
  testStack,
  UserPage,
  type ServiceName,
  type ServiceProcess,
} from '@app/testing';
import { staffAccount, type StaffCredentials } from './support/staff-accounts';

const ports = {
  gateway: 6450,
  'queue-service': 6451,
  'referral-service': 6452,
  'notification-service': 6453,
};
const SUITE = 'pages-login';
const FACILITY_A = '9917R001';
const FACILITY_B = '9917R002';

const digits = (n: number): string => String(randomInt(10 ** (n - 1), 10 ** n));

/**
 * Login per role in a real browser against the real services: a desk account of one facility is
 * refused another facility's console, a wrong password is answered in Bahasa Indonesia, "Keluar"
 * ends the session so Back does not reopen the console, and a patient opens their ticket on a
 * new device with the one-time code sent to their phone (read where notification-service delivers
 * it: a local SMS/WhatsApp gateway). Any unexpected console error fails the test.
 */
describe('login pages in a browser', () => {
  const settings = testStack(ports);
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  let stack: Record<ServiceName, ServiceProcess>;
  let sms: HttpReceiver;
  let whatsapp: HttpReceiver;
  let browser: Browser;
  let staff: BrowserContext;
  let deskA: StaffCredentials;
  const pages: UserPage[] = [];
  const open = async (context: BrowserContext, who: string): Promise<UserPage> => {
    const page = await UserPage.open(context, SUITE, who);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    clearScreenshots(SUITE);
    [sms, whatsapp] = await Promise.all([HttpReceiver.start(), HttpReceiver.start()]);
    settings.extraEnv = {
      ...settings.extraEnv,
      // The shortest access token the gateway allows: pages renew it while the tests run.
      gateway: { ...settings.extraEnv?.gateway, AUTH_ACCESS_TOKEN_TTL_SECONDS: '30' },
      'notification-service': {
        SMS_GATEWAY_URLS: sms.url('/sms'),
        WHATSAPP_GATEWAY_URLS: whatsapp.url('/wa'),
      },
    };
    stack = await startStack(settings, join(REPO_ROOT, '.infra/logs', SUITE));
    await queue.putFacility(FACILITY_A, { ...TEST_HOSPITAL, name: 'RSUD Masuk Uji A' });
    await queue.putFacility(FACILITY_B, { ...TEST_HOSPITAL, name: 'RSUD Masuk Uji B' });
    deskA = await staffAccount(gateway, 'desk', { facilityCode: FACILITY_A }, 'Rahmat Loket A');
    browser = await launchBrowser();
    staff = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 800 } });
  });

  afterAll(async () => {
    await staff?.close();
    await browser?.close();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
    await Promise.all([sms, whatsapp].map((r) => r?.stop()));
  });

  afterEach(() => {
    for (const p of pages.splice(0)) expect(p.errors).toEqual([]);
  });

  it('sends a desk account of facility A away from facility B’s console, with the reason', async () => {
    const desk = await open(staff, 'desk-a');
    await desk.signIn(gateway, `/desk.html?facility=${FACILITY_A}&counter=ANA-1`, deskA);
    await desk.page.locator('[data-live-state="live"]').waitFor();
    await desk.page.getByRole('heading', { name: /RSUD Masuk Uji A/ }).waitFor();
    await desk.shot('own-console');
    const token = await desk.page.evaluate<string>(
      `JSON.parse(sessionStorage.getItem('antrean.auth')).accessToken`,
    );

    await desk.page.goto(`${gateway}/desk.html?facility=${FACILITY_B}&counter=ANA-1`);
    await desk.page.waitForURL((u) => u.pathname === '/login.html');
    const url = new URL(desk.page.url());
    expect(url.searchParams.get('reason')).toBe('forbidden');
    expect(url.searchParams.get('next')).toBe(`/desk.html?facility=${FACILITY_B}&counter=ANA-1`);
    expect(await desk.page.getByTestId('login-reason').textContent()).toContain(
      'tidak berhak membuka halaman itu',
    );
    expect(await desk.page.getByTestId('login-signed-in').textContent()).toContain(
      'Rahmat Loket A',
    );
    await desk.shot('refused-other-facility');
    // The page only mirrors the gateway, which refuses the same account there on its own.
    const other = await getJson<{ error: { code: string } }>(
      `${gateway}/api/v1/facilities/${FACILITY_B}/counters/ANA-1/queue`,
      { authorization: `Bearer ${token}` },
    );
    expect([other.status, other.body.error.code]).toEqual([403, 'AUTH.FACILITY_FORBIDDEN']);
  });

  it('answers a wrong password in Bahasa Indonesia, and signs in from the keyboard alone', async () => {
    const user = await open(staff, 'wrong-password');
    await user.page.goto(
      `${gateway}/login.html?next=${encodeURIComponent(`/desk.html?facility=${FACILITY_A}`)}`,
    );
    // The username field has the focus; Tab goes to the password; Enter sends.
    await eventually(async () =>
      expect(await user.page.evaluate('document.activeElement?.id')).toBe('username'),
    );
    await user.page.keyboard.type(deskA.username);
    await user.page.keyboard.press('Tab');
    await user.page.keyboard.type('bukan-kata-sandinya');
    user.expectError(/status of 401/);
    await user.page.keyboard.press('Enter');
    const error = user.page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Nama pengguna atau kata sandi salah.');
    expect(await user.page.locator('#password').inputValue()).toBe('');
    expect(new URL(user.page.url()).pathname).toBe('/login.html');
    await user.shot('wrong-password');

    await user.page.locator('#password').focus();
    await user.page.keyboard.type(deskA.password);
    await user.page.keyboard.press('Enter');
    await user.page.waitForURL((u) => u.pathname === '/desk.html');
    // No counter in the address: the facility's counters to choose from.
    await user.page.getByRole('link', { name: /Poli Anak ruang 1/ }).waitFor();
    await user.shot('signed-in');
  });

  it('signs out with "Keluar": the tokens stop working and Back does not reopen the console', async () => {
    const desk = await open(staff, 'logout');
    await desk.signIn(gateway, `/desk.html?facility=${FACILITY_A}`, deskA);
    await desk.page.getByRole('link', { name: /Poli Anak ruang 1/ }).click();
    await desk.page.waitForURL(/counter=ANA-1/);
    await desk.page.locator('[data-live-state="live"]').waitFor();
    const token = await desk.page.evaluate<string>(
      `JSON.parse(sessionStorage.getItem('antrean.auth')).accessToken`,
    );
    await desk.shot('console');

    await desk.page.getByRole('button', { name: 'Keluar' }).click();
    await desk.page.waitForURL((u) => u.pathname === '/login.html');
    expect(await desk.page.getByTestId('login-reason').textContent()).toBe('Anda telah keluar.');
    expect(await desk.page.evaluate(`sessionStorage.getItem('antrean.auth')`)).toBeNull();
    await desk.shot('signed-out');
    const after = await getJson<{ error: { code: string } }>(
      `${gateway}/api/v1/facilities/${FACILITY_A}/counters/ANA-1/queue`,
      { authorization: `Bearer ${token}` },
    );
    expect([after.status, after.body.error.code]).toEqual([401, 'AUTH.TOKEN_INVALID']);

    // Back leads to the counter chooser, which sees no session and goes to the login page again.
    await desk.page.goBack();
    await desk.page.waitForURL((u) => u.pathname === '/login.html');
    expect(await desk.page.getByTestId('login-reason').textContent()).toContain(
      'hanya untuk petugas',
    );
    expect(await desk.page.getByTestId('account-bar').count()).toBe(0);
    await desk.shot('back-after-logout');
  });

  it('renews the access token before it expires, and the console goes on working', async () => {
    const desk = await open(staff, 'refresh');
    await desk.signIn(gateway, `/desk.html?facility=${FACILITY_A}&counter=ANA-1`, deskA);
    await desk.page.locator('[data-live-state="live"]').waitFor();
    const session = `JSON.parse(sessionStorage.getItem('antrean.auth'))`;
    const first = await desk.page.evaluate<{ accessToken: string; refreshToken: string }>(session);
    // A 30-second token is renewed about 15 seconds in, by the page itself.
    // (Polled from here: the pages' CSP forbids the string predicates waitForFunction evaluates.)
    await eventually(
      async () =>
        expect(await desk.page.evaluate<string>(`${session}.refreshToken`)).not.toBe(
          first.refreshToken,
        ),
      45_000,
    );
    const second = await desk.page.evaluate<{ accessToken: string }>(session);
    expect(second.accessToken).not.toBe(first.accessToken);
    // The rotated-out refresh token is dead at the gateway.
    const reused = await postJson<{ error: { code: string } }>(`${gateway}/api/v1/auth/refresh`, {
      refreshToken: first.refreshToken,
    });
    expect(reused.status).toBe(401);

    // And the console still acts: a walk-in checked in at the desk is called with N.
    const booked = await postJson<{ bookingCode: string; displayNumber: string }>(
      `${gateway}/api/v1/facilities/${FACILITY_A}/tickets`,
      {
        poliCode: 'ANA',
        patient: { nik: `3329${digits(12)}`, phone: `0813${digits(8)}` },
        source: 'online',
      },
      { 'idempotency-key': `login-e2e-${digits(9)}` },
    );
    expect(booked.status).toBe(201);
    expect(
      (await postJson(`${gateway}/api/v1/tickets/${booked.body.bookingCode}/check-in`, {})).status,
    ).toBe(200);
    await desk.page.getByTestId('desk-waiting').getByText(booked.body.displayNumber).waitFor();
    await desk.page.keyboard.press('n');
    await desk.page.getByTestId('desk-current').getByText(booked.body.displayNumber).waitFor();
    await desk.shot('after-refresh');
  });

  it('a patient opens their ticket on a new device with the code sent to their phone', async () => {
    const phone = `0813${digits(8)}`;
    const booked = await postJson<{ bookingCode: string; displayNumber: string }>(
      `${gateway}/api/v1/facilities/${FACILITY_A}/tickets`,
      {
        poliCode: 'ANA',
        patient: { nik: `3329${digits(12)}`, phone },
        source: 'online',
      },
      { 'idempotency-key': `login-e2e-${digits(9)}` },
    );
    expect(booked.status).toBe(201);
    const { bookingCode, displayNumber } = booked.body;

    // Another phone: nothing of the booking on it.
    const device = await browser.newContext({
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const patient = await open(device, 'patient-new-device');
      await patient.page.goto(`${gateway}/ticket.html?code=${bookingCode}`);
      const otp = patient.page.getByTestId('patient-otp');
      await otp.waitFor();
      expect(await otp.textContent()).toContain(bookingCode);
      await patient.shot('asks-for-code');
      await patient.page.getByRole('button', { name: 'Kirim kode verifikasi' }).click();
      await patient.page.getByTestId('otp-sent').waitFor();

      // The code reaches the phone on file through notification-service.
      const code = await eventually(() => {
        const texts = [...sms.accepted(), ...whatsapp.accepted()]
          .map((r) => r.body as { to?: string; text?: string })
          .filter((b) => b.to?.endsWith(phone.slice(-8)))
          // "Kode masuk tiket <kode booking>: 123456. ..."
          .map((b) => new RegExp(`${bookingCode}\\D*(\\d{6})\\b`).exec(b.text ?? '')?.[1])
          .filter((c): c is string => c !== undefined);
        expect(texts.length).toBeGreaterThan(0);
        return Promise.resolve(texts.at(-1)!);
      });
      await patient.page.locator('#otp').fill(code);
      await patient.shot('code-entered');
      await patient.page.locator('#otp').press('Enter');
      await patient.page.getByTestId('display-number').getByText(displayNumber).waitFor();
      await patient.page.locator('[data-live-state="live"]').waitFor();
      expect(await patient.page.getByTestId('ticket-status').textContent()).toBe(
        'Terdaftar, belum check-in',
      );
      await patient.shot('ticket-opened');
    } finally {
      await device.close();
    }
  });
});
