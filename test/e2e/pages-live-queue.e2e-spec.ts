import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  clearScreenshots,
  eventually,
  launchBrowser,
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
  gateway: 5700,
  'queue-service': 5701,
  'referral-service': 5702,
  'notification-service': 5703,
};
const FACILITY = '9911R001';
const SUITE = 'pages-live-queue';
const DIGIT_ID = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
];

/** Records what the display would say instead of saying it (headless Chromium has no voices). */
const RECORD_SPEECH = `
  window.__spoken = [];
  window.speechSynthesis.speak = (u) => { window.__spoken.push({ text: u.text, lang: u.lang }); };
`;

const digits = (n: number): string => String(randomInt(10 ** (n - 1), 10 ** n));

/**
 * The pages as people use them, in a real browser against the real services: a patient books on
 * the booking page and checks in through the entrance QR code, the desk calls with a keyboard
 * shortcut, and the waiting-room display (which speaks) and the patient's ticket page change by
 * push. A walk-in takes a number at the kiosk. Any console error fails the test.
 */
describe('queue pages in a browser', () => {
  const settings = testStack(ports);
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  let stack: Record<ServiceName, ServiceProcess>;
  let browser: Browser;
  let staff: BrowserContext;
  let phone: BrowserContext;
  let deskAccount: StaffCredentials;
  const pages: UserPage[] = [];
  const open = async (context: BrowserContext, who: string, init?: string): Promise<UserPage> => {
    const page = await UserPage.open(context, SUITE, who, init);
    pages.push(page);
    return page;
  };

  beforeAll(async () => {
    clearScreenshots(SUITE);
    stack = await startStack(settings, join(REPO_ROOT, '.infra/logs', SUITE));
    await queue.putFacility(FACILITY, { ...TEST_HOSPITAL, name: 'RSUD Halaman Uji' });
    deskAccount = await staffAccount(gateway, 'desk', { facilityCode: FACILITY }, 'Dewi Loket');
    browser = await launchBrowser();
    staff = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 800 } });
    phone = await browser.newContext({
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
  });

  afterAll(async () => {
    await staff?.close();
    await phone?.close();
    await browser?.close();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
  });

  afterEach(() => {
    for (const p of pages.splice(0)) expect(p.errors).toEqual([]);
  });

  it('serves the pages compressed, and revalidates HTML while caching hashed assets', async () => {
    const page = await fetch(`${gateway}/ticket.html`, { headers: { 'accept-encoding': 'br' } });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    for (const encoding of ['br', 'gzip']) {
      const asset = await fetch(`${gateway}${script}`, {
        headers: { 'accept-encoding': encoding },
      });
      expect([asset.status, asset.headers.get('content-encoding')]).toEqual([200, encoding]);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(asset.headers.get('vary')).toMatch(/accept-encoding/i);
      expect((await asset.text()).length).toBeGreaterThan(0);
    }
    const plain = await fetch(`${gateway}${script}`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it('book online, check in by QR, call from the console: display and ticket page follow', async () => {
    // The patient books on their phone.
    const patient = await open(phone, 'patient');
    await patient.page.goto(`${gateway}/book.html?facility=${FACILITY}`);
    await patient.page.locator('#facility').selectOption(FACILITY);
    await patient.page.locator('#poli').selectOption('ANA');
    await patient.page.locator('input[name="session"]:checked').waitFor();
    await patient.page.locator('#identifier').fill(`0001${digits(9)}`);
    await patient.page.locator('#phone').fill(`0813${digits(8)}`);
    await patient.shot('booking-form');
    // Sent from the keyboard, as a phone's "Go" key does (the desk below uses the button): a
    // pointer click was once intercepted for 30 s on a loaded CI machine by fields above it.
    await patient.page.locator('#phone').press('Enter');
    await patient.page.waitForURL(/\/ticket\.html\?code=/);
    const bookingCode = new URL(patient.page.url()).searchParams.get('code')!;
    // The booking answer's patient token opened the ticket on this tab, no code asked.
    expect(
      await patient.page.evaluate<boolean>(
        `sessionStorage.getItem('antrean.patient.${bookingCode}') !== null`,
      ),
    ).toBe(true);
    const number = patient.page.getByTestId('display-number');
    await number.waitFor();
    const displayNumber = (await number.textContent())!;
    expect(await patient.page.getByTestId('ticket-status').textContent()).toBe(
      'Terdaftar, belum check-in',
    );
    await patient.shot('booked');

    // At the entrance: the poster's QR code leads to the facility's check-in page.
    const poster = await open(staff, 'poster');
    await poster.page.goto(`${gateway}/poster.html?facility=${FACILITY}`);
    const checkinUrl = await poster.page.getByTestId('checkin-qr').getAttribute('aria-label');
    expect(checkinUrl).toBe(`${gateway}/checkin.html?facility=${FACILITY}`);
    await poster.shot('entrance-qr');
    await patient.page.goto(checkinUrl!);
    await patient.shot('check-in');
    await patient.page.getByTestId(`checkin-${bookingCode}`).click();
    await patient.page.waitForURL(/checkedIn=1/);
    await eventually(async () =>
      expect(await patient.page.getByTestId('ticket-status').textContent()).toBe('Menunggu'),
    );
    await patient.page.locator('[data-live-state="live"]').waitFor();
    await patient.shot('checked-in');

    // The waiting room's television, and the desk at Poli Anak ruang 1.
    const display = await open(staff, 'display', RECORD_SPEECH);
    await display.page.goto(`${gateway}/display.html?facility=${FACILITY}`);
    await display.page.getByTestId('enable-sound').click();
    await display.page.locator('[data-live-state="live"]').waitFor();
    await display.page.getByTestId('next-poli-ANA').getByText(displayNumber).waitFor();
    await display.shot('before-call');

    // The console needs a desk login of this facility: the login page sends it back there.
    const desk = await open(staff, 'desk');
    await desk.signIn(gateway, `/desk.html?facility=${FACILITY}&counter=ANA-1`, deskAccount);
    expect(await desk.page.getByTestId('account-name').textContent()).toBe('Dewi Loket');
    await desk.page.locator('[data-live-state="live"]').waitFor();
    await desk.page.getByTestId('desk-waiting').getByText(displayNumber).waitFor();
    await desk.shot('waiting');
    await desk.page.keyboard.press('n');
    await desk.page.getByTestId('desk-current').getByText(displayNumber).waitFor();
    expect(await desk.page.getByTestId('desk-current-status').textContent()).toBe('Dipanggil');
    await desk.shot('called');

    const card = display.page.getByTestId('call-ANA-1');
    await card.getByText(displayNumber).waitFor();
    await card.and(display.page.locator('.flash')).waitFor();
    await display.shot('called');
    const spokenDigits = displayNumber
      .split('-')[1]
      .split('')
      .map((d) => DIGIT_ID[Number(d)])
      .join(' ');
    await eventually(async () =>
      expect(
        await display.page.evaluate<Array<{ text: string; lang: string }>>('window.__spoken'),
      ).toEqual([
        {
          text: `Nomor antrean a en a, ${spokenDigits}, silakan menuju Poli Anak ruang 1.`,
          lang: 'id-ID',
        },
      ]),
    );

    await patient.page.getByTestId('called-alert').waitFor();
    expect(await patient.page.getByTestId('called-alert').textContent()).toContain(
      'Poli Anak ruang 1',
    );
    await eventually(async () =>
      expect(await patient.page.getByTestId('ticket-status').textContent()).toBe('Dipanggil'),
    );
    await patient.shot('called');

    // Served, then on to the pharmacy.
    await desk.page.keyboard.press('s');
    await eventually(async () =>
      expect(await desk.page.getByTestId('desk-current-status').textContent()).toBe(
        'Sedang dilayani',
      ),
    );
    await desk.page.keyboard.press('f');
    await desk.page.getByTestId('desk-current-none').waitFor();
    await desk.shot('finished');
    await eventually(async () =>
      expect(await patient.page.getByTestId('ticket-status').textContent()).toBe('Menunggu'),
    );
    const history = await queue.get<{ transitions: Array<{ type: string }> }>(
      `/v1/tickets/${bookingCode}/history`,
    );
    expect(history.body.transitions.map((h) => h.type)).toEqual([
      'checked-in',
      'called',
      'service-started',
      'service-finished',
    ]);
  });

  it('a walk-in takes a number at the kiosk and gets a printable ticket; the desk books with priority', async () => {
    const kiosk = await open(staff, 'kiosk');
    await kiosk.page.goto(`${gateway}/kiosk.html?facility=${FACILITY}`);
    await kiosk.page.getByRole('button', { name: 'Saraf' }).click();
    const nik = `3329${digits(12)}`;
    for (const d of nik) await kiosk.page.getByRole('button', { name: d, exact: true }).click();
    expect(await kiosk.page.getByTestId('kiosk-digits').textContent()).toBe(nik);
    await kiosk.shot('keypad');
    await kiosk.page.getByRole('button', { name: 'Ambil nomor' }).click();
    const ticket = kiosk.page.getByTestId('kiosk-ticket');
    await ticket.waitFor();
    const text = (await kiosk.page.getByTestId('thermal-text').textContent())!;
    expect(text).toMatch(/SAR-\d{3}/);
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(32);
    await kiosk.shot('ticket');
    await kiosk.page.emulateMedia({ media: 'print' });
    await kiosk.shot('ticket-print');
    await kiosk.page.emulateMedia({ media: 'screen' });

    // The walk-in waits at the Saraf room; a pregnant patient booked at the desk goes first.
    const desk = await open(staff, 'desk-booking');
    await desk.signIn(gateway, `/desk.html?facility=${FACILITY}&counter=SAR-1`, deskAccount);
    await desk.page.locator('[data-live-state="live"]').waitFor();
    const walkIn = text.match(/SAR-\d{3}/)![0];
    await desk.page.getByTestId('desk-waiting').getByText(walkIn).waitFor();
    await desk.page.locator('#desk-poli').selectOption('SAR');
    await desk.page.locator('#desk-id').fill(`3329${digits(12)}`);
    await desk.page.locator('#desk-priority').selectOption('hamil');
    await desk.page.locator('#desk-reason').fill('Hamil 8 bulan');
    await desk.page.getByRole('button', { name: 'Ambil nomor' }).click();
    const booked = (await desk.page.getByTestId('desk-booked').textContent())!;
    const priorityNumber = booked.match(/SAR-\d{3}/)![0];
    await eventually(async () =>
      expect(
        await desk.page.getByTestId('desk-waiting').locator('li strong').allTextContents(),
      ).toEqual([priorityNumber, walkIn]),
    );
    await desk.shot('priority-first');
  });
});
