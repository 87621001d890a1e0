import { randomUUID } from 'node:crypto';
import { ReferralDb } from '../../apps/referral-service/src/database/referral-db';
import { verifyWebhookSignature } from '../../apps/referral-service/src/webhooks/webhook-signature';
import {
  plusDays,
  ReferralHarness,
  todayIso,
  type ReferralBody,
} from '../../apps/referral-service/test/e2e-harness';
import {
  cardNumberFor,
  eventually,
  getJson,
  nikFor,
  postJson,
  WebhookReceiver,
  type TicketBody,
} from '@app/testing';

/**
 * The rules around the loop, on real referral-service and queue-service processes: webhook
 * delivery through an outage, destination ranking moved by the tickets queue-service books, every
 * kind of illegal transition, expiry. The hospitals are entered at queue-service and every ticket is
 * booked there; nothing of queue-service is simulated.
 */
const FKTP = '33290401';
const RS_NEAR = '3329R041';
const RS_FAR = '3329R042';
const SECRET = 'rs-near-webhook-secret-0123456789abcdef01';
/** Places for JKN patients a day at the near hospital's poli Anak: the queue the test fills. */
const NEAR_ANA_QUOTA = 3;

/** Sessions all day every day (8 = holidays), so the test behaves the same at any hour. */
const allDay = (quotaJkn: number, quotaNonJkn = 0) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));

const hospital = (
  name: string,
  latitude: number,
  longitude: number,
  doctorPrefix: string,
  anaQuotaJkn: number,
) => ({
  name,
  type: 'FKRTL',
  district: 'Brebes',
  address: `Jl. ${name}, Brebes`,
  latitude,
  longitude,
  polis: [
    { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] },
    { code: 'ANA', name: 'Anak', prefix: 'ANA', subspecialties: [] },
  ],
  doctors: [
    {
      code: `${doctorPrefix}1`,
      name: 'dr. Fajar, Sp.PD',
      poliCode: 'INT',
      schedules: allDay(50, 20),
    },
    {
      code: `${doctorPrefix}2`,
      name: 'dr. Gita, Sp.A',
      poliCode: 'ANA',
      schedules: allDay(anaQuotaJkn),
    },
  ],
  counters: [{ code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] }],
});

const FKTP_RECORD = {
  name: 'Puskesmas Aturan Uji',
  type: 'FKTP',
  district: 'Brebes',
  address: 'Jl. Puskesmas No. 4, Brebes',
  latitude: -6.9,
  longitude: 109.05,
  polis: [{ code: 'UMU', name: 'Umum', prefix: 'U', subspecialties: [] }],
  doctors: [{ code: '340001', name: 'dr. Hana', poliCode: 'UMU', schedules: allDay(60) }],
  counters: [{ code: 'L1', name: 'Loket 1', station: 'admisi', poliCodes: [] }],
};
const RS_NEAR_RECORD = hospital('RSUD Dekat Uji', -6.91, 109.06, '34100', NEAR_ANA_QUOTA);
const RS_FAR_RECORD = hospital('RS Jauh Uji', -7.1, 109.2, '34200', 30);

interface Suggestion {
  facilityCode: string;
  distanceKm: number | null;
  capacity: number;
  booked: number;
  remainingQuota: number;
  referralsSent: number;
  loadPercent: number;
  available: boolean;
}
interface TicketView extends TicketBody {
  facilityCode: string;
  serviceDate: string;
  source: string;
  referenceNumber: string | null;
}

describe('referral rules', () => {
  const h = new ReferralHarness(4902, 'referral-rules', 900, { withQueue: true });
  const receiver = new WebhookReceiver(SECRET, verifyWebhookSignature);
  let db: ReferralDb;
  const refer = (over: Record<string, unknown> = {}) => h.refer(FKTP, RS_NEAR, over);
  const ticketOf = async (bookingCode: string) =>
    (await h.queue.get<TicketView>(`/v1/tickets/${bookingCode}`)).body;
  /** Waits until queue-service booked the accepted referral's ticket and referral-service knows. */
  const scheduledTicket = async (id: string) => {
    const r = await eventually(async () => {
      const read = await h.read(id);
      expect(read.status).toBe('scheduled');
      return read;
    });
    return ticketOf(r.appointment!.bookingCode!);
  };

  beforeAll(async () => {
    await receiver.start();
    await h.start();
    await h.waitCaughtUp();
    db = new ReferralDb(h.settings.databaseUrls.referral);
    // Master data is entered at queue-service; referral-service learns it from Kafka.
    await h.queue.putFacility(FKTP, FKTP_RECORD);
    await h.queue.putFacility(RS_NEAR, RS_NEAR_RECORD);
    await h.queue.putFacility(RS_FAR, RS_FAR_RECORD);
    await h.waitFacilities(FKTP, 'ANA', [RS_NEAR, RS_FAR]);
    expect(await h.registerWebhook(RS_NEAR, receiver.url, SECRET)).toBe(200);
  });

  afterAll(async () => {
    await h.stop();
    await receiver.stop();
    await db?.$disconnect();
  });

  it('webhook receiver away for a while: deliveries wait, then arrive in order, each exactly once', async () => {
    await receiver.stop();
    const made = await Promise.all([refer(), refer(), refer()]);
    const ids = made.map((m) => m.body.id);
    // Created at once, they still get distinct, consecutive national numbers.
    const serials = made.map((m) => Number(m.body.number.slice(-6))).sort((a, b) => a - b);
    expect(serials).toEqual([serials[0], serials[0] + 1, serials[0] + 2]);
    await h.act(ids[0], 'receive');
    const pendingUrl = `${h.base}/v1/hospitals/${RS_NEAR}/webhook-deliveries?status=pending`;
    await eventually(async () => {
      const pending = await getJson<Array<{ attempts: number }>>(pendingUrl);
      expect(pending.body).toHaveLength(4);
      expect(Math.max(...pending.body.map((d) => d.attempts))).toBeGreaterThanOrEqual(2);
    });
    await receiver.start();
    await eventually(async () =>
      expect((await getJson<unknown[]>(pendingUrl)).body).toHaveLength(0),
    );
    const got = receiver.deliveries.filter((d) => ids.some((id) => d.body.includes(id)));
    expect(got.map((d) => d.eventType)).toEqual([
      'referral.sent',
      'referral.sent',
      'referral.sent',
      'referral.received',
    ]);
    for (const d of got) expect(receiver.attempts.get(d.deliveryId)).toBe(1);
    expect(receiver.rejectedSignatures).toBe(0);
  });

  it('ranks by competency, distance and live load; a hospital whose queue fills up at queue-service drops below', async () => {
    const date = plusDays(todayIso(), 5);
    const url = `${h.base}/v1/referral-destinations?origin=${FKTP}&poli=ANA&date=${date}&limit=50`;
    const mine = async () =>
      (await getJson<{ suggestions: Suggestion[] }>(url)).body.suggestions.filter((s) =>
        [RS_NEAR, RS_FAR].includes(s.facilityCode),
      );
    const before = await eventually(async () => {
      const s = await mine();
      expect(s.map((x) => x.facilityCode)).toEqual([RS_NEAR, RS_FAR]);
      expect(s[0]).toMatchObject({
        capacity: NEAR_ANA_QUOTA,
        booked: 0,
        available: true,
        loadPercent: 0,
      });
      expect(s.every((x) => x.distanceKm !== null)).toBe(true);
      return s;
    });
    expect(before[0].distanceKm!).toBeLessThan(before[1].distanceKm!);

    // A referral for that day, accepted: queue-service books its ticket (one JKN place of three).
    const r = await refer({
      destination: { facilityCode: RS_NEAR, poliCode: 'ANA' },
      plannedVisitDate: date,
    });
    expect(r.status).toBe(201);
    await h.act(r.body.id, 'receive');
    expect((await h.act(r.body.id, 'accept', { visitDate: date })).body.status).toBe('accepted');
    expect(await scheduledTicket(r.body.id)).toMatchObject({
      facilityCode: RS_NEAR,
      poliCode: 'ANA',
      serviceDate: date,
      source: 'referral',
      status: 'booked',
      referenceNumber: r.body.number,
    });

    // Walk-in JKN patients at the hospital's desk take the other places: the queue is full.
    const walkIn = (i: number) =>
      h.queue.book(RS_NEAR, {
        poliCode: 'ANA',
        serviceDate: date,
        patient: { nik: nikFor(4100 + i), cardNumber: cardNumberFor(4100 + i) },
        patientType: 'JKN',
        source: 'desk',
      });
    for (let i = 1; i < NEAR_ANA_QUOTA; i++) {
      const t = await walkIn(i);
      expect([t.status, t.body.error]).toEqual([201, undefined]);
    }
    const refused = await walkIn(NEAR_ANA_QUOTA);
    expect([refused.status, refused.body.error?.code]).toEqual([409, 'QUEUE.QUOTA_EXHAUSTED']);

    // referral-service counts queue-service's queue.ticket.booked events: the near one drops.
    const sameMonth = date.slice(0, 7) === todayIso().slice(0, 7);
    await eventually(async () => {
      const after = await mine();
      expect(after.map((s) => s.facilityCode)).toEqual([RS_FAR, RS_NEAR]);
      expect(after[1]).toMatchObject({
        capacity: NEAR_ANA_QUOTA,
        booked: NEAR_ANA_QUOTA,
        referralsSent: sameMonth ? 1 : 0, // counted per month of the visit date
        remainingQuota: 0,
        loadPercent: 100,
        available: false,
      });
      expect(after[0]).toMatchObject({ booked: 0, available: true, loadPercent: 0 });
    });
  });

  it('refuses every illegal transition with a clear error and writes nothing', async () => {
    const outbox = () => db.outboxEvent.count();
    const expectRefused = async (id: string, verb: string, code: string, body: unknown = {}) => {
      const before = await outbox();
      const res = await h.act(id, verb, body);
      expect({ verb, status: res.status, code: res.body.error?.code }).toEqual({
        verb,
        status: 409,
        code,
      });
      expect(res.body.error.message.length).toBeGreaterThan(10);
      expect(await outbox()).toBe(before);
    };
    const ILLEGAL = 'REFERRAL.ILLEGAL_TRANSITION';
    const visit = { visitDate: plusDays(todayIso(), 1) };
    const feedback = { feedback: { diagnosis: 'x1', treatmentSummary: 'y1', followUp: 'z1' } };

    const sent = (await refer()).body;
    for (const [verb, body] of [
      ['accept', visit],
      ['decline', { reason: 'penuh' }],
      ['forward', { toFacilityCode: RS_FAR, reason: 'alat' }],
      ['attend', {}],
      ['no-show', {}],
      ['complete', feedback],
      ['back-referral', { programme: '01', notes: 'DM' }],
    ] as const) {
      await expectRefused(sent.id, verb, ILLEGAL, body);
    }

    const declined = (await refer()).body;
    await h.act(declined.id, 'receive');
    expect((await h.act(declined.id, 'decline', { reason: 'Dokter cuti' })).body.status).toBe(
      'declined',
    );
    for (const verb of ['receive', 'cancel'])
      await expectRefused(declined.id, verb, ILLEGAL, { reason: 'x1x' });
    await expectRefused(declined.id, 'accept', ILLEGAL, visit);

    const forwarded = (await refer()).body;
    await h.act(forwarded.id, 'receive');
    const fw = await h.act(forwarded.id, 'forward', {
      toFacilityCode: RS_FAR,
      reason: 'Tidak ada dokter',
    });
    expect(fw.body).toMatchObject({ status: 'forwarded', destinationFacilityCode: RS_FAR });
    await expectRefused(forwarded.id, 'accept', ILLEGAL, visit); // the new hospital opens it first
    expect((await h.act(forwarded.id, 'receive')).body.status).toBe('received');

    const attended = (await refer()).body;
    await h.act(attended.id, 'receive');
    await h.act(attended.id, 'accept', visit);
    await scheduledTicket(attended.id); // booked by queue-service
    await expectRefused(attended.id, 'complete', ILLEGAL, feedback); // not seen yet
    await h.act(attended.id, 'attend');
    await expectRefused(attended.id, 'cancel', ILLEGAL, { reason: 'terlambat' });
    await expectRefused(attended.id, 'no-show', ILLEGAL);
    await expectRefused(attended.id, 'back-referral', ILLEGAL, { programme: '02', notes: 'HT' });

    const cancelled = (await refer()).body;
    expect((await h.act(cancelled.id, 'cancel', { reason: 'Pasien sembuh' })).body.status).toBe(
      'cancelled',
    );
    await expectRefused(cancelled.id, 'receive', ILLEGAL);
    await expectRefused(cancelled.id, 'cancel', ILLEGAL, { reason: 'lagi' });

    const missing = await h.act(randomUUID(), 'receive');
    expect([missing.status, missing.body.error.code]).toEqual([404, 'REFERRAL.NOT_FOUND']);
  });

  it('expires referrals not yet seen after 90 days, and nothing can happen to them afterwards', async () => {
    const waiting = (await refer()).body;
    const scheduled = (await refer()).body;
    const done = (await refer()).body;
    for (const r of [scheduled, done]) {
      await h.act(r.id, 'receive');
      await h.act(r.id, 'accept', { visitDate: plusDays(todayIso(), 2) });
    }
    const ticket = await scheduledTicket(scheduled.id); // booked by queue-service
    await scheduledTicket(done.id);
    await h.act(done.id, 'attend');

    const sweep = (now: string) =>
      postJson<{ expired: string[] }>(`${h.base}/internal/v1/jobs/expire-referrals`, { now });
    const lastValidDay = waiting.validUntil;
    const onLastDay = await sweep(`${lastValidDay}T10:00:00+07:00`);
    expect(onLastDay.body.expired).not.toContain(waiting.id);

    const dayAfter = await sweep(`${plusDays(lastValidDay, 1)}T00:30:00+07:00`);
    expect(dayAfter.body.expired).toEqual(expect.arrayContaining([waiting.id, scheduled.id]));
    expect(dayAfter.body.expired).not.toContain(done.id);
    expect((await h.read(waiting.id)).status).toBe('expired');
    expect((await h.read(scheduled.id)).status).toBe('expired');
    expect((await h.read(done.id)).status).toBe('attended');
    await h.waitEvent(waiting.id, 'referral.expired');
    // queue-service gives the expired referral's hospital place back.
    await eventually(async () =>
      expect((await ticketOf(ticket.bookingCode)).status).toBe('cancelled'),
    );

    const late = await h.act(waiting.id, 'receive');
    expect([late.status, late.body.error.code]).toEqual([409, 'REFERRAL.EXPIRED']);
    const again = await sweep(`${plusDays(lastValidDay, 2)}T00:30:00+07:00`);
    expect(again.body.expired).toEqual([]);
    const bad = await postJson<ReferralBody>(`${h.base}/internal/v1/jobs/expire-referrals`, {
      now: 'kemarin',
    });
    expect(bad.status).toBe(400);
  });
});
