import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import {
  bearer,
  clearScreenshots,
  eventually,
  getJson,
  HttpReceiver,
  launchBrowser,
  LiveClient,
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
  type LiveMessage,
  type ServiceName,
  type ServiceProcess,
} from '@app/testing';

const ports = {
  gateway: 6630,
  'queue-service': 6631,
  'referral-service': 6632,
  'notification-service': 6633,
};
const SUITE = 'patient-access';
const PUSKESMAS = '9936P001';
const HOSPITAL = '9936R001';
const OTP_IP_PER_MINUTE = 12;
/** A client address of this file's own: the gateway's counters live in the run's shared Redis. */
const clientAddress = () => ({
  'x-forwarded-for': `203.0.${randomInt(0, 250)}.${randomInt(1, 250)}`,
});
const tomorrowWib = (days = 1): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(
    new Date(Date.now() + days * 86_400_000),
  );

const PUSKESMAS_RECORD = {
  name: 'Puskesmas Akses Pasien',
  type: 'FKTP',
  district: 'Brebes',
  address: 'Jl. Puskesmas No. 36, Brebes',
  latitude: -6.9,
  longitude: 109.0,
  polis: [{ code: 'UMU', name: 'Umum', prefix: 'U', subspecialties: [] }],
  doctors: [],
  counters: [{ code: 'L1', name: 'Loket 1', station: 'admisi', poliCodes: [] }],
};

interface Referral {
  id: string;
  number: string;
  patient: { ref: string };
  /** The NIK it was made with (not from the answer): a ticket booked with it is the same patient. */
  nik: string;
}
interface Booked {
  bookingCode: string;
  patientAccess: { accessToken: string };
}
interface PatientReferral {
  number: string;
  patientRef: string;
  status: string;
  origin: { code: string; name: string | null };
  destination: { code: string; name: string | null };
  diagnosis: { code: string; name: string };
}
interface ErrorBody {
  error: { code: string; message: string };
}

/**
 * Issue #7 for patients' referrals, on the real stack: an FKTP doctor refers patient A; A asks a
 * one-time code with the referral number, reads it from the SMS, verifies, reads the referral and
 * the list (not patient B's), guessing is cut after 5 tries, floods get 429, and A's own inbox
 * over WebSocket receives the notification of the referral being accepted (B's is refused).
 */
describe('patient access to referrals', () => {
  const base = testStack(ports);
  const gateway = `http://127.0.0.1:${ports.gateway}`;
  const notifications = `http://127.0.0.1:${ports['notification-service']}`;
  let stack: Record<ServiceName, ServiceProcess>;
  let sms: HttpReceiver;
  let doctor = '';
  let doctorId = '';
  let hospitalDesk = '';
  let hospitalDeskId = '';
  let a: Referral;
  let b: Referral;
  let tokenA = '';
  let browser: Browser | undefined;

  const otp = (body: object, from: Record<string, string>) =>
    postJson<ErrorBody>(`${gateway}/api/v1/auth/patient/otp`, body, from);
  const verify = (body: object, from: Record<string, string>) =>
    postJson<ErrorBody & { accessToken: string }>(
      `${gateway}/api/v1/auth/patient/verify`,
      body,
      from,
    );
  /** The codes a referral's patient got by SMS, newest first. */
  const smsCodes = (number: string): string[] =>
    sms
      .accepted()
      .map((r) => (r.body as { text?: string }).text ?? '')
      .filter((t) => t.includes(number))
      .map((t) => /: (\d{6})\./.exec(t)?.[1])
      .filter((c): c is string => c !== undefined)
      .reverse();
  const newCode = async (number: string, from: Record<string, string>): Promise<string> => {
    const before = smsCodes(number).length;
    expect((await otp({ referralNumber: number }, from)).status).toBe(202);
    return eventually(() => {
      const codes = smsCodes(number);
      if (codes.length <= before) throw new Error('no SMS yet');
      return Promise.resolve(codes[0]);
    });
  };

  /** Sends a WebSocket message and waits for the socket's next message (its answer). */
  const answerTo = async (ws: LiveClient, event: string, data: unknown): Promise<LiveMessage> => {
    const before = ws.received.length;
    ws.send(event, data);
    return eventually(() => {
      if (ws.received.length === before) throw new Error('no answer yet');
      return Promise.resolve(ws.received[before]);
    });
  };

  const refer = async (i: number): Promise<Referral> => {
    const n = 936_000_000 + randomInt(0, 60_000_000) + i;
    const nik = nikFor(n);
    const res = await postJson<Referral>(
      `${gateway}/api/v1/referrals`,
      {
        originFacilityCode: PUSKESMAS,
        referringDoctor: 'dr. Sari Uji',
        patient: { nik, name: `Pasien Uji ${i}`, phone: phoneFor(n % 100_000_000) },
        diagnosisCode: 'E11.5',
        destination: { facilityCode: HOSPITAL, poliCode: 'INT' },
        plannedVisitDate: tomorrowWib(2),
      },
      bearer(doctor),
    );
    expect(res.status).toBe(201);
    return { ...res.body, nik };
  };

  beforeAll(async () => {
    sms = await HttpReceiver.start();
    const settings = {
      ...base,
      extraEnv: {
        ...base.extraEnv,
        gateway: {
          ...base.extraEnv?.gateway,
          RATE_LIMIT_OTP_IP_PER_MINUTE: String(OTP_IP_PER_MINUTE),
        },
        'notification-service': { SMS_GATEWAY_URLS: sms.url('/sms') },
      },
    };
    stack = await startStack(settings, join(REPO_ROOT, '.infra/test-logs/patient-access'));
    const queue = new QueueClient(`http://127.0.0.1:${ports['queue-service']}`);
    await queue.putFacility(PUSKESMAS, PUSKESMAS_RECORD);
    await queue.putFacility(HOSPITAL, { ...TEST_HOSPITAL, name: 'RSUD Akses Pasien' });
    const doctorLogin = await loginAs(gateway, { role: 'fktp_doctor', facilityCode: PUSKESMAS });
    [doctor, doctorId] = [doctorLogin.accessToken, doctorLogin.account.id];
    const deskLogin = await loginAs(gateway, { role: 'hospital_referral', facilityCode: HOSPITAL });
    [hospitalDesk, hospitalDeskId] = [deskLogin.accessToken, deskLogin.account.id];
    // referral-service learns both facilities from queue-service's events.
    await eventually(async () => {
      const res = await getJson<{ suggestions: Array<{ facilityCode: string }> }>(
        `${gateway}/api/v1/referral-destinations?origin=${PUSKESMAS}&poli=INT&limit=50`,
        bearer(doctor),
      );
      expect(res.body.suggestions.map((s) => s.facilityCode)).toContain(HOSPITAL);
    }, 60_000);
    a = await refer(1);
    b = await refer(2);
    // notification-service has consumed both referral.sent (and so learned the patients' phones)
    // once the hospital desk's notifications of both are there.
    await eventually(async () => {
      const res = await getJson<Array<{ subject: string }>>(
        `${notifications}/v1/notifications?recipient=facility:${HOSPITAL}`,
      );
      const subjects = JSON.stringify(res.body);
      expect(subjects).toContain(a.id);
      expect(subjects).toContain(b.id);
    }, 60_000);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all(Object.values(stack ?? {}).map((p) => p.stop()));
    await sms?.stop();
  });

  it('sends a code for a referral number, cut after 5 wrong tries, and a fresh one opens it', async () => {
    const from = clientAddress();
    const first = await newCode(a.number, from);
    expect(first).toMatch(/^\d{6}$/);
    const wrong = first === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await verify({ referralNumber: a.number, otp: wrong }, from);
      expect([res.status, res.body.error.code]).toEqual([401, 'AUTH.OTP_INVALID']);
    }
    const sixth = await verify({ referralNumber: a.number, otp: first }, from);
    expect([sixth.status, sixth.body.error.code]).toEqual([429, 'COMMON.RATE_LIMITED']);
    expect((await verify({ referralNumber: a.number, otp: first }, from)).status).toBe(401);

    const from2 = clientAddress();
    const fresh = await newCode(a.number, from2);
    // A booking code's verify does not take a referral's code, nor the other way round.
    expect((await verify({ bookingCode: a.number.slice(0, 12), otp: fresh }, from2)).status).toBe(
      401,
    );
    const ok = await verify({ referralNumber: a.number, otp: fresh }, from2);
    expect(ok.status).toBe(200);
    tokenA = ok.body.accessToken;
    const me = await getJson<{ role: string }>(`${gateway}/api/v1/auth/me`, bearer(tokenA));
    expect(me.body.role).toBe('patient');
  });

  it('answers an unknown referral exactly as a known one, and refuses malformed bodies', async () => {
    const from = clientAddress();
    const unknown = `${PUSKESMAS}0199P999999`;
    const res = await otp({ referralNumber: unknown }, from);
    expect([res.status, res.body]).toEqual([202, null]);
    const bad = [
      { referralNumber: 'ABC' },
      { referralNumber: a.number, bookingCode: 'ABC123' },
      { referralNumber: a.number, extra: 1 },
      {},
    ];
    for (const body of bad) {
      const r = await otp(body, from);
      expect([r.status, r.body.error.code]).toEqual([400, 'COMMON.VALIDATION_FAILED']);
    }
  });

  it('shows the patient their referral and their list, never another patient’s', async () => {
    const own = await getJson<PatientReferral>(
      `${gateway}/api/v1/patient/referrals/${a.number}`,
      bearer(tokenA),
    );
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      number: a.number,
      patientRef: a.patient.ref,
      status: 'sent',
      origin: { code: PUSKESMAS, name: 'Puskesmas Akses Pasien' },
      destination: { code: HOSPITAL, name: 'RSUD Akses Pasien' },
      diagnosis: { code: 'E11.5' },
    });
    const text = JSON.stringify(own.body);
    for (const secret of ['nik', 'phone', 'cardNumber', 'Pasien Uji', 'dr. Sari Uji'])
      expect(text).not.toContain(secret);

    const list = await getJson<PatientReferral[]>(
      `${gateway}/api/v1/patient/referrals`,
      bearer(tokenA),
    );
    expect(list.status).toBe(200);
    expect(list.body.map((r) => r.number)).toEqual([a.number]);

    for (const number of [b.number, `${PUSKESMAS}0199P999999`, 'not-a-number']) {
      const other = await getJson<ErrorBody>(
        `${gateway}/api/v1/patient/referrals/${number}`,
        bearer(tokenA),
      );
      expect([other.status, other.body.error.code]).toEqual([403, 'AUTH.FACILITY_FORBIDDEN']);
    }
    // Staff keep their own routes: the patient routes are not theirs.
    const staff = await getJson<ErrorBody>(
      `${gateway}/api/v1/patient/referrals/${a.number}`,
      bearer(hospitalDesk),
    );
    expect([staff.status, staff.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    // A patient token cannot use the staff referral route either.
    const staffRoute = await getJson<ErrorBody>(
      `${gateway}/api/v1/referrals/${a.id}`,
      bearer(tokenA),
    );
    expect(staffRoute.status).toBe(403);
  });

  it('pushes A’s own inbox the referral being accepted; B’s inbox is refused', async () => {
    const ws = await LiveClient.connect(`ws://127.0.0.1:${ports.gateway}/ws`);
    const next = (event: string, data: unknown) => answerTo(ws, event, data);
    try {
      const refused = await next('subscribe-inbox', {
        recipient: b.patient.ref,
        accessToken: tokenA,
      });
      expect(refused).toMatchObject({
        event: 'error',
        data: { code: 'AUTH.FACILITY_FORBIDDEN' },
      });
      const subscribed = await next('subscribe-inbox', {
        recipient: a.patient.ref,
        accessToken: tokenA,
      });
      expect(subscribed).toEqual({
        event: 'subscribed-inbox',
        data: { recipient: a.patient.ref },
      });

      const act = (verb: string, body: object = {}) =>
        postJson(`${gateway}/api/v1/referrals/${a.id}/${verb}`, body, bearer(hospitalDesk));
      expect((await act('receive')).status).toBe(200);
      expect(
        (await act('accept', { visitDate: tomorrowWib(3), doctorCode: '900002' })).status,
      ).toBe(200);
      const pushed = await eventually(() => {
        const n = ws.received.find((m) => m.event === 'notification');
        if (!n) throw new Error('no notification pushed yet');
        return Promise.resolve(n);
      }, 60_000);
      expect(pushed.data).toMatchObject({ title: expect.any(String), body: expect.any(String) });
      // Only A's: nothing of B's referral reached this socket.
      expect(JSON.stringify(ws.received)).not.toContain(b.number);
      // And the patient's view follows the referral.
      await eventually(async () => {
        const own = await getJson<PatientReferral>(
          `${gateway}/api/v1/patient/referrals/${a.number}`,
          bearer(tokenA),
        );
        expect(['accepted', 'scheduled']).toContain(own.body.status);
      });
    } finally {
      ws.close();
    }
  });

  it('the referral page in a browser: number, code from the SMS, the referral, then its acceptance live', async () => {
    clearScreenshots(SUITE);
    const c = await refer(3);
    await eventually(async () => {
      const res = await getJson<unknown[]>(
        `${notifications}/v1/notifications?recipient=facility:${HOSPITAL}`,
      );
      expect(JSON.stringify(res.body)).toContain(c.id);
    }, 60_000);
    browser = await launchBrowser();
    const phone = await browser.newContext({
      // Its own address: earlier files in the run spend 127.0.0.1's one-time-code budget.
      extraHTTPHeaders: clientAddress(),
      locale: 'id-ID',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    try {
      const patient = await UserPage.open(phone, SUITE, 'patient');
      await patient.page.goto(`${gateway}/referral.html`);
      await patient.page.locator('#referral-number').fill(c.number.toLowerCase());
      await patient.page.locator('#referral-number').press('Enter');
      const otpForm = patient.page.getByTestId('patient-otp');
      await otpForm.waitFor();
      expect(await otpForm.textContent()).toContain(c.number);
      await patient.page.getByRole('button', { name: 'Kirim kode verifikasi' }).click();
      await patient.page.getByTestId('otp-sent').waitFor();
      const code = await eventually(() => {
        const codes = smsCodes(c.number);
        if (codes.length === 0) throw new Error('no SMS yet');
        return Promise.resolve(codes[0]);
      });
      await patient.page.locator('#otp').fill(code);
      await patient.page.locator('#otp').press('Enter');
      const card = patient.page.locator(
        `[data-testid="patient-referral"][data-number="${c.number}"]`,
      );
      await card.waitFor();
      expect(await card.getByTestId('referral-status').textContent()).toBe('Terkirim');
      expect(await card.textContent()).toContain('RSUD Akses Pasien');
      expect(await card.textContent()).toContain('Puskesmas Akses Pasien');
      await patient.page.locator('[data-live-state="live"]').waitFor();
      await patient.shot('referral-opened');

      // The hospital accepts: the notice arrives on the patient's inbox and the card follows.
      const act = (verb: string, body: object = {}) =>
        postJson(`${gateway}/api/v1/referrals/${c.id}/${verb}`, body, bearer(hospitalDesk));
      expect((await act('receive')).status).toBe(200);
      expect(
        (await act('accept', { visitDate: tomorrowWib(3), doctorCode: '900002' })).status,
      ).toBe(200);
      await patient.page.getByTestId('referral-notices').waitFor({ timeout: 60_000 });
      await eventually(async () =>
        expect(['Disetujui', 'Terjadwal']).toContain(
          await card.getByTestId('referral-status').textContent(),
        ),
      );
      await patient.shot('referral-accepted');
      expect(patient.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it('names the signed-in account in the referral audit, from the request context', async () => {
    const read = await getJson(`${gateway}/api/v1/referrals/${b.id}`, bearer(hospitalDesk));
    expect(read.status).toBe(200);
    const audit = await getJson<Array<{ accessor: string; caller: string | null; action: string }>>(
      `http://127.0.0.1:${ports['referral-service']}/internal/v1/referrals/${b.id}/identity-access`,
    );
    expect(audit.status).toBe(200);
    const rows = audit.body.map(({ accessor, caller, action }) => ({ accessor, caller, action }));
    expect(rows).toContainEqual({ accessor: doctorId, caller: 'gateway', action: 'create' });
    expect(rows).toContainEqual({ accessor: hospitalDeskId, caller: 'gateway', action: 'read' });
    // The access guard's own look-up (before admission) is the gateway's; nothing is anonymous.
    expect(rows.map((r) => r.accessor)).not.toContain('unknown');
  });

  it('a ticket booked with the referral patient’s NIK reaches their referrals and inbox', async () => {
    const book = async (nik: string) => {
      const res = await postJson<Booked & Record<string, unknown>>(
        `${gateway}/api/v1/facilities/${HOSPITAL}/tickets`,
        { poliCode: 'ANA', patient: { nik, phone: phoneFor(randomInt(0, 99_999_999)) } },
        clientAddress(),
      );
      expect(res.status).toBe(201);
      // The browser's answer does not carry the patient's pseudonym; the token does.
      expect(res.body).not.toHaveProperty('patientRef');
      expect(JSON.stringify(res.body)).not.toContain(a.patient.ref);
      return res.body;
    };
    const own = await book(a.nik);
    const stranger = await book(nikFor(900_000_000 + randomInt(0, 30_000_000)));
    const ticketToken = own.patientAccess.accessToken;

    const ticket = await getJson<Record<string, unknown>>(
      `${gateway}/api/v1/tickets/${own.bookingCode}`,
      bearer(ticketToken),
    );
    expect(ticket.status).toBe(200);
    expect(ticket.body).not.toHaveProperty('patientRef');
    expect(ticket.body.bookingCode).toBe(own.bookingCode);

    const list = await getJson<PatientReferral[]>(
      `${gateway}/api/v1/patient/referrals`,
      bearer(ticketToken),
    );
    expect(list.status).toBe(200);
    expect(list.body.map((r) => r.number)).toEqual([a.number]);
    const read = (number: string, token: string) =>
      getJson<ErrorBody>(`${gateway}/api/v1/patient/referrals/${number}`, bearer(token));
    expect((await read(a.number, ticketToken)).status).toBe(200);
    expect((await read(b.number, ticketToken)).status).toBe(403);

    // Another patient's ticket sees none of it.
    const strangerToken = stranger.patientAccess.accessToken;
    const none = await getJson<unknown[]>(
      `${gateway}/api/v1/patient/referrals`,
      bearer(strangerToken),
    );
    expect([none.status, none.body]).toEqual([200, []]);
    expect((await read(a.number, strangerToken)).status).toBe(403);

    // The same token after a one-time code on another device knows its patient too.
    const smsFrom = clientAddress();
    await eventually(async () => {
      const known = await getJson<unknown[]>(
        `${notifications}/v1/notifications?subject=ticket:${own.bookingCode}`,
      );
      expect(known.body.length).toBeGreaterThan(0);
    });
    const ticketCodes = async () =>
      (
        await getJson<Array<{ body: string }>>(
          `${notifications}/v1/notifications?subject=ticket:${own.bookingCode}`,
        )
      ).body
        .map((n) => /: (\d{6})\./.exec(n.body)?.[1])
        .filter((c): c is string => c !== undefined);
    expect((await otp({ bookingCode: own.bookingCode }, smsFrom)).status).toBe(202);
    const code = await eventually(async () => {
      const codes = await ticketCodes();
      if (codes.length === 0) throw new Error('no code yet');
      return codes[0];
    });
    const verified = await verify({ bookingCode: own.bookingCode, otp: code }, smsFrom);
    expect(verified.status).toBe(200);
    const again = await getJson<PatientReferral[]>(
      `${gateway}/api/v1/patient/referrals`,
      bearer(verified.body.accessToken),
    );
    expect(again.body.map((r) => r.number)).toEqual([a.number]);

    const ws = await LiveClient.connect(`ws://127.0.0.1:${ports.gateway}/ws`);
    const next = (event: string, data: unknown) => answerTo(ws, event, data);
    try {
      // The recipient is the patientRef their referral list shows them.
      const recipient = list.body[0].patientRef;
      expect(await next('subscribe-inbox', { recipient, accessToken: ticketToken })).toEqual({
        event: 'subscribed-inbox',
        data: { recipient },
      });
      expect(
        await next('subscribe-inbox', { recipient: b.patient.ref, accessToken: ticketToken }),
      ).toMatchObject({ event: 'error', data: { code: 'AUTH.FACILITY_FORBIDDEN' } });
      expect(
        await next('subscribe-inbox', { recipient, accessToken: strangerToken }),
      ).toMatchObject({ event: 'error', data: { code: 'AUTH.FACILITY_FORBIDDEN' } });
    } finally {
      ws.close();
    }
  });

  it('limits codes per referral and calls per address with 429 and Retry-After', async () => {
    // No code of B's referral was asked yet: the hourly limit per referral is 3.
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await otp({ referralNumber: b.number }, clientAddress())).status);
    expect(statuses).toEqual([202, 202, 202, 429]);

    const from = clientAddress();
    const flood: Array<{ status: number; retryAfter: string | null }> = [];
    for (let i = 0; i < OTP_IP_PER_MINUTE + 1; i++) {
      const res = await fetch(`${gateway}/api/v1/auth/patient/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from },
        // A number without a code: every try is a plain 401 until the address is cut off
        // (on B's, the 6th guess would already be refused with the code gone).
        body: JSON.stringify({ referralNumber: `${PUSKESMAS}0199P999998`, otp: '123456' }),
      });
      flood.push({ status: res.status, retryAfter: res.headers.get('retry-after') });
    }
    const last = flood[flood.length - 1];
    expect(last.status).toBe(429);
    expect(Number(last.retryAfter)).toBeGreaterThan(0);
    expect(flood.slice(0, OTP_IP_PER_MINUTE).map((r) => r.status)).toEqual(
      Array(OTP_IP_PER_MINUTE).fill(401),
    );
  });
});
