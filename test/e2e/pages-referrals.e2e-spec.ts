import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Browser, BrowserContext, WebSocket as PageSocket } from 'playwright-core';
import {
  clearScreenshots,
  eventually,
  bearer,
  getJson,
  launchBrowser,
  loginAs,
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

/**
 * The gateway is not on 6000, the suite's first port: browsers and Node's fetch refuse port 6000
 * (X11, on the WHATWG "bad ports" list) with ERR_UNSAFE_PORT.
 */
const ports = {
  gateway: 6004,
  'queue-service': 6001,
  'referral-service': 6002,
  'notification-service': 6003,
};
const SUITE = 'pages-referrals';
const PUSKESMAS = '9913P001';
const HOSPITAL = '9913R001';
const FAR_HOSPITAL = '9913R002';

const digits = (n: number): string => String(randomInt(10 ** (n - 1), 10 ** n));
const tomorrowWib = (): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
    new Date(Date.now() + 86_400_000),
  );

/** Sessions all day every day (8 = holidays), so the test behaves the same at any hour. */
const allDay = (quotaJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn: 0,
  }));

/**
 * Far from every other test file's facilities (all around Brebes), so that in the full run, where
 * every file's hospitals share referral-service's database, the two hospitals here lead the
 * destination suggestions by nearness.
 */
const PUSKESMAS_RECORD = {
  name: 'Puskesmas Halaman Rujukan',
  type: 'FKTP',
  district: 'Kab. Uji Rujukan',
  address: 'Jl. Puskesmas No. 13, Merauke',
  latitude: -8.49,
  longitude: 140.4,
  polis: [{ code: 'UMU', name: 'Umum', prefix: 'U', subspecialties: [] }],
  doctors: [{ code: '991301', name: 'dr. Rina Uji', poliCode: 'UMU', schedules: allDay(60) }],
  counters: [{ code: 'L1', name: 'Loket 1', station: 'admisi', poliCodes: [] }],
};
const HOSPITAL_RECORD = {
  ...TEST_HOSPITAL,
  name: 'RSUD Rujukan Halaman Uji',
  district: 'Kab. Uji Rujukan',
  latitude: -8.4909,
  longitude: 140.4026,
};
const FAR_HOSPITAL_RECORD = {
  ...TEST_HOSPITAL,
  name: 'RS Jauh Halaman Uji',
  district: 'Kab. Uji Rujukan',
  latitude: -8.6734,
  longitude: 140.3829,
};

interface Pushed {
  event: string;
  data: Record<string, unknown>;
}

/**
 * The referral loop as its users see it, in Chromium against the real services: an FKTP doctor
 * fills the form (diagnosis looked up, hospitals suggested with distance and quota, the TACC
 * prompt for a diagnosis the FKTP should treat itself) and sends; the hospital's inbox, open in
 * another browser, shows it arrive by push; the desk receives and accepts it, queue-service books
 * the ticket, and the doctor's sent list follows every step by push. Any console error fails.
 */
describe('referral pages in a browser', () => {
  const settings = testStack(ports);
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
  let stack: Record<ServiceName, ServiceProcess>;
  let browser: Browser;
  let clinic: BrowserContext;
  let hospitalDesk: BrowserContext;
  let doctorAccount: StaffCredentials;
  let hospitalAccount: StaffCredentials;
  const pages: UserPage[] = [];
  const open = async (context: BrowserContext, who: string): Promise<UserPage> => {
    const page = await UserPage.open(context, SUITE, who);
    pages.push(page);
    return page;
  };
  /** Every message the page's live socket received, parsed. */
  const recordPushes = (user: UserPage): Pushed[] => {
    const frames: Pushed[] = [];
    user.page.on('websocket', (ws: PageSocket) =>
      ws.on('framereceived', (f) => {
        if (typeof f.payload === 'string') frames.push(JSON.parse(f.payload) as Pushed);
      }),
    );
    return frames;
  };

  beforeAll(async () => {
    clearScreenshots(SUITE);
    stack = await startStack(settings, join(REPO_ROOT, '.infra/logs', SUITE));
    // Master data is entered at queue-service; referral-service learns it from Kafka.
    await queue.putFacility(PUSKESMAS, PUSKESMAS_RECORD);
    await queue.putFacility(HOSPITAL, HOSPITAL_RECORD);
    await queue.putFacility(FAR_HOSPITAL, FAR_HOSPITAL_RECORD);
    doctorAccount = await staffAccount(
      gateway,
      'fktp_doctor',
      { facilityCode: PUSKESMAS },
      'dr. Rina Uji',
    );
    hospitalAccount = await staffAccount(
      gateway,
      'hospital_referral',
      { facilityCode: HOSPITAL },
      'Budi Rujukan RS',
    );
    const asDoctor = bearer(
      await loginAs(gateway, { role: 'fktp_doctor', facilityCode: PUSKESMAS }),
    );
    await eventually(async () => {
      const r = await getJson<{ suggestions: Array<{ facilityCode: string; distanceKm: number }> }>(
        `${gateway}/api/v1/referral-destinations?origin=${PUSKESMAS}&poli=INT&limit=50`,
        asDoctor,
      );
      const ours = r.body.suggestions.filter((s) => s.facilityCode.startsWith('9913'));
      expect(ours.map((s) => s.facilityCode).sort()).toEqual([HOSPITAL, FAR_HOSPITAL]);
      expect(ours.every((s) => s.distanceKm !== null)).toBe(true);
    });
    browser = await launchBrowser();
    clinic = await browser.newContext({ locale: 'id-ID', viewport: { width: 1280, height: 900 } });
    hospitalDesk = await browser.newContext({
      locale: 'id-ID',
      viewport: { width: 1280, height: 900 },
    });
  });

  afterAll(async () => {
    await clinic?.close();
    await hospitalDesk?.close();
    await browser?.close();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
  });

  afterEach(() => {
    for (const p of pages.splice(0)) expect(p.errors).toEqual([]);
  });

  it('FKTP form with suggestions and TACC → inbox live → received, accepted, scheduled, seen, completed, referred back → sent list follows each step', async () => {
    const nik = `3329${digits(12)}`;
    const phone = `0813${digits(8)}`;
    const patientName = `Siti Rujukan ${digits(4)}`;
    const visitDate = tomorrowWib();

    // The hospital desk has its inbox open before anything is sent.
    const inbox = await open(hospitalDesk, 'hospital');
    await inbox.signIn(gateway, `/inbox.html?hospital=${HOSPITAL}`, hospitalAccount);
    await inbox.page.locator('[data-live-state="live"]').waitFor();
    await inbox.page.getByRole('heading', { name: /RSUD Rujukan Halaman Uji/ }).waitFor();
    await inbox.shot('inbox-before');

    // The FKTP doctor fills the form.
    const doctor = await open(clinic, 'doctor');
    const pushedToDoctor = recordPushes(doctor);
    await doctor.signIn(gateway, `/refer.html?facility=${PUSKESMAS}`, doctorAccount);
    await doctor.page.locator('[data-live-state="live"]').waitFor();
    await doctor.page.getByRole('heading', { name: /Puskesmas Halaman Rujukan/ }).waitFor();
    await doctor.page.locator('#doctor').fill('dr. Rina Uji');
    await doctor.page.locator('#patient-name').fill(patientName);
    await doctor.page.locator('#identifier').fill(nik);
    await doctor.page.locator('#phone').fill(phone);
    // Essential hypertension is on the FKTP's own list: the TACC prompt appears.
    await doctor.page.locator('#diagnosis').fill('I10');
    await doctor.page.getByRole('button', { name: 'Cek kode' }).click();
    await doctor.page.getByTestId('diagnosis-name').getByText('Hipertensi esensial').waitFor();
    await doctor.page.getByTestId('tacc-prompt').waitFor();
    await doctor.page.locator('#date').fill(visitDate);
    await doctor.page.locator('#poli').selectOption('INT');
    const near = doctor.page.getByTestId(`destination-${HOSPITAL}`);
    await near.waitFor();
    await doctor.page.getByTestId(`destination-${FAR_HOSPITAL}`).waitFor();
    const nearText = (await near.textContent())!;
    expect(nearText).toMatch(/\d+([.,]\d+)? km/);
    expect(nearText).toContain('sisa kuota');
    expect(nearText).toContain('beban');
    // Best first: the nearer hospital with the same free quota leads.
    const buttons = await doctor.page
      .getByTestId('destinations')
      .locator('button[data-testid^="destination-9913"]')
      .all();
    const order = await Promise.all(buttons.map((b) => b.getAttribute('data-testid')));
    expect(order.indexOf(`destination-${HOSPITAL}`)).toBeLessThan(
      order.indexOf(`destination-${FAR_HOSPITAL}`),
    );
    await near.click();
    expect(await near.getAttribute('aria-pressed')).toBe('true');
    await doctor.shot('form-suggestions-tacc');

    // Without a TACC reason the form does not go.
    await doctor.page.getByRole('button', { name: 'Kirim rujukan' }).click();
    expect(await doctor.page.getByTestId('refer-error').textContent()).toContain('alasan TACC');
    await doctor.page.locator('#tacc-code').selectOption('2');
    await doctor.page.locator('#tacc-reason').selectOption('>= 55 Tahun');
    await doctor.shot('tacc-chosen');
    await doctor.page.getByRole('button', { name: 'Kirim rujukan' }).click();
    const sentText = (await doctor.page.getByTestId('refer-sent').textContent())!;
    const number = sentText.match(/9913P001\d{4}P\d{6}/)![0];
    const sentRow = doctor.page.getByTestId(`sent-${number}`);
    await sentRow.waitFor();
    expect(await sentRow.getByTestId('sent-status').textContent()).toBe('Terkirim');
    expect(await sentRow.textContent()).toContain(patientName);
    await doctor.shot('sent');

    // It appears in the hospital's inbox by push, highlighted as new.
    const card = inbox.page.getByTestId(`inbox-${number}`);
    await card.waitFor();
    await card.getByTestId('inbox-new').waitFor();
    expect(await card.getAttribute('class')).toContain('fresh');
    expect(await card.textContent()).toContain('I10 Hipertensi esensial');
    expect(await card.textContent()).toContain('TACC: >= 55 Tahun');
    // The inbox list shows the identifier's last digits only.
    expect(await card.textContent()).not.toContain(nik);
    expect(await card.textContent()).toContain(nik.slice(-4));
    await inbox.shot('inbox-new-referral');

    // The desk opens it (by keyboard), then accepts it for the planned date.
    await card.getByRole('button', { name: 'Terima (buka)' }).focus();
    await inbox.page.keyboard.press('Enter');
    await eventually(async () =>
      expect(await card.getByTestId('inbox-status').textContent()).toBe('Diterima RS'),
    );
    await eventually(async () =>
      expect(await sentRow.getByTestId('sent-status').textContent()).toBe('Diterima RS'),
    );
    await card.getByRole('button', { name: 'Setujui', exact: true }).click();
    expect(await card.locator('input[type="date"]').inputValue()).toBe(visitDate);
    await inbox.shot('accept-form');
    await card.getByRole('button', { name: 'Setujui dan pesan antrean' }).click();
    // queue-service books the hospital ticket: the referral becomes scheduled with a number.
    await eventually(async () =>
      expect(await card.getByTestId('inbox-status').textContent()).toBe('Terjadwal'),
    );
    expect(await card.textContent()).toMatch(/nomor antrean INT-\d{3}/);
    await inbox.shot('scheduled');

    // The doctor's sent list followed by push: accepted, then scheduled.
    await eventually(async () =>
      expect(await sentRow.getByTestId('sent-status').textContent()).toBe('Terjadwal'),
    );
    expect(await sentRow.textContent()).toMatch(/INT-\d{3}/);
    await doctor.shot('sent-scheduled');
    expect(
      pushedToDoctor
        .filter((m) => m.event.startsWith('referral.') && m.data.number === number)
        .map((m) => m.data.status),
    ).toEqual(['sent', 'received', 'accepted', 'scheduled']);

    // The patient came and was seen; the hospital answers the doctor and refers back (PRB).
    await card.getByRole('button', { name: 'Pasien hadir (sudah dilayani)' }).click();
    await eventually(async () =>
      expect(await card.getByTestId('inbox-status').textContent()).toBe('Sudah dilayani'),
    );
    await card.getByRole('button', { name: 'Selesai, kirim jawaban' }).click();
    await card.getByLabel('Diagnosis akhir').fill('Hipertensi esensial terkontrol');
    await card.getByLabel('Ringkasan terapi/tindakan').fill('Amlodipin 5 mg sekali sehari');
    await card.getByLabel('Tindak lanjut untuk FKTP').fill('Kontrol tekanan darah tiap bulan');
    await card.getByRole('button', { name: 'Kirim jawaban rujukan' }).click();
    await eventually(async () =>
      expect(await card.getByTestId('inbox-status').textContent()).toBe('Selesai'),
    );
    await card.getByRole('button', { name: 'Rujuk balik (PRB)' }).click();
    await card.getByLabel('Program rujuk balik').selectOption('02');
    await card.getByLabel('Catatan untuk FKTP').fill('Lanjutkan amlodipin, kontrol di FKTP.');
    await card.getByRole('button', { name: 'Kirim rujuk balik' }).click();
    await eventually(async () =>
      expect(await card.getByTestId('inbox-status').textContent()).toBe('Dirujuk balik'),
    );
    await inbox.shot('back-referred');
    await eventually(async () =>
      expect(await sentRow.getByTestId('sent-status').textContent()).toBe('Dirujuk balik'),
    );
    await doctor.shot('sent-back-referred');

    const steps = pushedToDoctor
      .filter((m) => m.event.startsWith('referral.') && m.data.number === number)
      .map((m) => m.data.status);
    expect(steps).toEqual([
      'sent',
      'received',
      'accepted',
      'scheduled',
      'attended',
      'completed',
      'back_referred',
    ]);
    // What is pushed never names the patient, nor carries the hospital's clinical answer.
    const pushedText = JSON.stringify(pushedToDoctor);
    for (const secret of [nik, phone, patientName, 'Amlodipin']) {
      expect(pushedText).not.toContain(secret);
    }
  });
});
