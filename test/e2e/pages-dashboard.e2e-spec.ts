import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  bearer,
  clearScreenshots,
  eventually,
  getJson,
  launchBrowser,
  loginAs,
  nikFor,
  phoneFor,
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
  gateway: 6100,
  'queue-service': 6101,
  'referral-service': 6102,
  'notification-service': 6103,
};
const SUITE = 'pages-dashboard';
const DISTRICT = 'Kab. Uji Dasbor';
const HOSPITAL = '9914R001';
const PUSKESMAS_A = '99140001';
const PUSKESMAS_B = '99140002';

interface DashboardBody {
  date: string;
  month: string;
  rrnsAvailable: boolean;
  facilities: Array<{
    code: string;
    tickets: number;
    noShows: number;
    online: number;
    walkIn: number;
    rrns: { totalReferrals: number; ratioPercent: number } | null;
  }>;
}

/**
 * The district health office's dashboard in a real browser against the real services: three
 * facilities of a district of this test's own, tickets booked, called, served and missed through
 * the real APIs, then the table's counts, the three charts, an offline map with one marker per
 * facility (no request leaves 127.0.0.1), and a live update when another patient books.
 */
describe('district dashboard in a browser', () => {
  const settings = testStack(ports);
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  let stack: Record<ServiceName, ServiceProcess>;
  let browser: Browser;
  let context: BrowserContext;
  let officer: StaffCredentials;
  /** The API checks read as a system admin (any district, so an unknown one is a 404). */
  let asAdmin: Record<string, string>;
  const pages: UserPage[] = [];
  let patient = 0;

  const facility = (name: string, type: string, latitude: number, longitude: number) => ({
    ...TEST_HOSPITAL,
    name,
    type,
    district: DISTRICT,
    latitude,
    longitude,
  });
  const ok = async <T>(p: Promise<{ status: number; body: T }>, status = 200): Promise<T> => {
    const res = await p;
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res.body;
  };
  const book = (code: string, source: 'online' | 'kiosk', isNew = false) => {
    const i = 914_000 + ++patient;
    return ok(
      queue.book(code, {
        poliCode: 'ANA',
        source,
        patient: { nik: nikFor(i), isNew, ...(source === 'online' ? { phone: phoneFor(i) } : {}) },
      }),
      201,
    );
  };

  beforeAll(async () => {
    clearScreenshots(SUITE);
    stack = await startStack(settings, join(REPO_ROOT, '.infra/logs', SUITE));
    await queue.putFacility(HOSPITAL, facility('RSUD Uji Dasbor', 'FKRTL', -6.95, 109.1));
    await queue.putFacility(PUSKESMAS_A, facility('Puskesmas Uji Timur', 'FKTP', -6.9, 109.15));
    await queue.putFacility(PUSKESMAS_B, facility('Puskesmas Uji Barat', 'FKTP', -6.98, 109.02));
    officer = await staffAccount(gateway, 'district_officer', { district: DISTRICT }, 'Dinkes Uji');
    asAdmin = bearer(await loginAs(gateway, { role: 'system_admin' }));
    browser = await launchBrowser();
    context = await browser.newContext({
      locale: 'id-ID',
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
  });

  afterEach(() => {
    for (const p of pages.splice(0)) expect(p.errors).toEqual([]);
  });

  it('answers a district in one call, with stable codes for bad input', async () => {
    const districts = await ok(
      getJson<Array<{ district: string; facilities: number }>>(
        `${gateway}/api/v1/districts`,
        asAdmin,
      ),
    );
    expect(districts).toContainEqual({ district: DISTRICT, facilities: 3 });
    const base = `${gateway}/api/v1/districts/${encodeURIComponent(DISTRICT)}/dashboard`;
    const bad = await getJson<{ error: { code: string } }>(`${base}?date=2026-13-40`, asAdmin);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'COMMON.VALIDATION_FAILED']);
    const unknown = await getJson<{ error: { code: string } }>(
      `${gateway}/api/v1/districts/Kab.%20Tidak%20Ada/dashboard`,
      asAdmin,
    );
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'QUEUE.DISTRICT_NOT_FOUND']);
    const month = await getJson<{ error: { code: string } }>(
      `http://127.0.0.1:${ports['referral-service']}/v1/districts/${encodeURIComponent(DISTRICT)}/rrns?month=2026-13`,
    );
    expect([month.status, month.body.error.code]).toEqual([400, 'COMMON.VALIDATION_FAILED']);
  });

  it('shows the counts, three charts and an offline map of the district, and follows the push', async () => {
    // The hospital: three online patients at Poli Anak; one served, one missed, one waiting.
    const online = [
      await book(HOSPITAL, 'online'),
      await book(HOSPITAL, 'online'),
      await book(HOSPITAL, 'online'),
    ];
    for (const t of online) await ok(queue.ticketOp(t.bookingCode, 'check-in'));
    await ok(queue.counterOp(HOSPITAL, 'ANA-1', 'call-next'));
    await ok(queue.counterOp(HOSPITAL, 'ANA-1', 'start'));
    await ok(queue.counterOp(HOSPITAL, 'ANA-1', 'finish', { next: 'done' }));
    await ok(queue.counterOp(HOSPITAL, 'ANA-1', 'call-next'));
    await ok(queue.counterOp(HOSPITAL, 'ANA-1', 'no-show', { returnToQueue: false }));
    // Puskesmas Timur: two new walk-ins through admisi and one online patient.
    const walkIns = [
      await book(PUSKESMAS_A, 'kiosk', true),
      await book(PUSKESMAS_A, 'kiosk', true),
    ];
    const a = await book(PUSKESMAS_A, 'online');
    for (const t of [...walkIns, a])
      if (t.status === 'booked') await ok(queue.ticketOp(t.bookingCode, 'check-in'));
    await ok(queue.counterOp(PUSKESMAS_A, 'A1', 'call-next'));
    await ok(queue.counterOp(PUSKESMAS_A, 'A1', 'start'));
    await ok(queue.counterOp(PUSKESMAS_A, 'A1', 'finish'));
    // Puskesmas Barat: nobody yet.

    const plannedVisit = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    // Puskesmas Timur refers two patients to the hospital: one for a specialist, one with a
    // diagnosis it should treat itself (allowed with TACC, counted in the RRNS): 50 %.
    const refer = (diagnosisCode: string, tacc?: { code: number; reason: string }) => {
      const i = 914_500 + ++patient;
      return postJson<{ error?: { code: string } }>(
        `http://127.0.0.1:${ports['referral-service']}/v1/referrals`,
        {
          originFacilityCode: PUSKESMAS_A,
          referringDoctor: 'dr. Uji Dasbor',
          patient: { nik: nikFor(i), name: 'Siti Aminah', phone: phoneFor(i) },
          diagnosisCode,
          destination: { facilityCode: HOSPITAL, poliCode: 'INT' },
          plannedVisitDate: plannedVisit,
          ...(tacc ? { tacc } : {}),
        },
      );
    };
    // referral-service learns the facilities from Kafka: until then it refuses the referral.
    await eventually(async () => expect((await refer('E11.5')).status).toBe(201));
    expect((await refer('J06.9', { code: 2, reason: '>= 55 Tahun' })).status).toBe(201);

    const url = `${gateway}/api/v1/districts/${encodeURIComponent(DISTRICT)}/dashboard`;
    const api = await eventually(async () => {
      const body = await ok(getJson<DashboardBody>(url, asAdmin));
      expect(body.rrnsAvailable).toBe(true);
      expect(body.facilities.filter((f) => f.rrns).map((f) => f.code)).toEqual([
        PUSKESMAS_A,
        PUSKESMAS_B,
      ]);
      return body;
    });
    expect(
      api.facilities.map((f) => [f.code, f.tickets, f.noShows, f.online, f.walkIn, f.rrns]),
    ).toEqual([
      [PUSKESMAS_A, 3, 0, 1, 2, expect.objectContaining({ totalReferrals: 2, ratioPercent: 50 })],
      [PUSKESMAS_B, 0, 0, 0, 0, expect.objectContaining({ totalReferrals: 0 })],
      [HOSPITAL, 3, 1, 3, 0, null],
    ]);

    const user = await UserPage.open(context, SUITE, 'district-office');
    pages.push(user);
    const outside: string[] = [];
    user.page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.protocol !== 'data:' && u.hostname !== '127.0.0.1') outside.push(r.url());
    });
    // The district office signs in; the login page sends it back to the dashboard it opened.
    await user.signIn(
      gateway,
      `/dashboard.html?district=${encodeURIComponent(DISTRICT)}&date=${api.date}`,
      officer,
    );
    const table = user.page.getByTestId('facility-table');
    await table.waitFor();
    const cell = (code: string, col: string) =>
      user.page.getByTestId(`row-${code}`).getByTestId(col).textContent();
    expect(await table.locator('tbody tr').count()).toBe(3);
    expect(await cell(HOSPITAL, 'tickets')).toBe('3');
    expect(await cell(HOSPITAL, 'no-shows')).toBe('1 (33.3 %)');
    expect(await cell(HOSPITAL, 'online-share')).toBe('100.0 %');
    expect(await cell(HOSPITAL, 'rrns')).toBe('—');
    expect(await cell(PUSKESMAS_A, 'tickets')).toBe('3');
    expect(await cell(PUSKESMAS_A, 'online-share')).toBe('33.3 %');
    expect(await cell(PUSKESMAS_A, 'wait-admisi')).toMatch(/^\d+\.\d$/);
    expect(await cell(PUSKESMAS_A, 'rrns')).toBe('50.00 %');
    expect(await cell(PUSKESMAS_B, 'rrns')).toBe('0.00 %');
    expect(await cell(PUSKESMAS_B, 'tickets')).toBe('0');
    expect(await user.page.getByTestId('total-tickets').textContent()).toBe('6');

    // Three charts, each drawn (pixels on the canvas), and one map marker per facility.
    for (const id of ['chart-wait', 'chart-rates', 'chart-rrns']) {
      // Counted in the page (no DOM types here): pixels the chart painted on its canvas.
      const painted = await user.page.evaluate<number>(`(() => {
        const c = document.querySelector('[data-testid="${id}"]');
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      })()`);
      expect({ id, painted: painted > 500 }).toEqual({ id, painted: true });
    }
    const markers = user.page.locator('path.facility-marker');
    expect(await markers.count()).toBe(3);
    expect(await user.page.locator('.leaflet-tile, .leaflet-tile-container img').count()).toBe(0);
    await user.page.locator('[data-live-state="live"]').waitFor();
    await user.shot('district');

    // By keyboard: a facility's name in the table opens its popup on the map.
    await user.page.getByRole('button', { name: 'Puskesmas Uji Timur' }).focus();
    await user.page.keyboard.press('Enter');
    await user.page.locator('.leaflet-popup').getByText('Puskesmas Uji Timur (99140001)').waitFor();
    await user.shot('popup');

    // Live: a patient books at Puskesmas Barat; the dashboard re-reads after the pushed event.
    await book(PUSKESMAS_B, 'online');
    await eventually(async () => expect(await cell(PUSKESMAS_B, 'tickets')).toBe('1'));
    expect(await user.page.getByTestId('total-tickets').textContent()).toBe('7');
    await user.shot('after-booking');
    expect(outside).toEqual([]);
  });
});
