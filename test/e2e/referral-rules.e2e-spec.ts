import { randomUUID } from 'node:crypto';
import { ReferralDb } from '../../apps/referral-service/src/database/referral-db';
import { verifyWebhookSignature } from '../../apps/referral-service/src/webhooks/webhook-signature';
import {
  facilityRecord,
  plusDays,
  ReferralHarness,
  todayIso,
  type ReferralBody,
} from '../../apps/referral-service/test/e2e-harness';
import { eventually, getJson, postJson, WebhookReceiver } from '@app/testing';

/**
 * The rules around the loop, on a real referral-service process: webhook delivery through an
 * outage, destination ranking moved by queue events, every kind of illegal transition, expiry.
 */
const FKTP = '33290201';
const RS_NEAR = '3329R021';
const RS_FAR = '3329R022';
const SECRET = 'rs-near-webhook-secret-0123456789abcdef01';

interface Suggestion {
  facilityCode: string;
  distanceKm: number;
  capacity: number;
  booked: number;
  remainingQuota: number;
  referralsSent: number;
  loadPercent: number;
  available: boolean;
}

describe('referral rules', () => {
  const h = new ReferralHarness(4612, 'referral-rules', 900);
  const receiver = new WebhookReceiver(SECRET, verifyWebhookSignature);
  let db: ReferralDb;
  const refer = (over: Record<string, unknown> = {}) => h.refer(FKTP, RS_NEAR, over);

  beforeAll(async () => {
    await receiver.start();
    await h.start();
    db = new ReferralDb(h.settings.databaseUrls.referral);
    await h.publish(
      'queue.facility.upserted',
      facilityRecord(FKTP, 'FKTP', -6.9, 109.05, ['UMU']),
      FKTP,
    );
    await h.publish(
      'queue.facility.upserted',
      facilityRecord(RS_NEAR, 'FKRTL', -6.91, 109.06, ['INT', 'ANA'], 3),
      RS_NEAR,
    );
    await h.publish(
      'queue.facility.upserted',
      facilityRecord(RS_FAR, 'FKRTL', -7.1, 109.2, ['INT', 'ANA'], 3),
      RS_FAR,
    );
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

  it('ranks by competency, distance and live load; a hospital whose queue fills up drops below', async () => {
    const date = plusDays(todayIso(), 5);
    const url = `${h.base}/v1/referral-destinations?origin=${FKTP}&poli=ANA&date=${date}`;
    const mine = async () =>
      (await getJson<{ suggestions: Suggestion[] }>(url)).body.suggestions.filter((s) =>
        [RS_NEAR, RS_FAR].includes(s.facilityCode),
      );
    const before = await mine();
    expect(before.map((s) => s.facilityCode)).toEqual([RS_NEAR, RS_FAR]);
    expect(before[0]).toMatchObject({ capacity: 3, booked: 0, available: true, loadPercent: 0 });
    expect(before[0].distanceKm).toBeLessThan(before[1].distanceKm);

    // A referral for that day counts as sent and as load to come.
    const r = await refer({
      destination: { facilityCode: RS_NEAR, poliCode: 'ANA' },
      plannedVisitDate: date,
    });
    expect(r.status).toBe(201);
    // Two tickets booked at the near hospital, as queue-service reports them.
    for (const n of [1, 2]) {
      await h.publish(
        'queue.ticket.booked',
        {
          ticketId: randomUUID(),
          bookingCode: `ANA${n}${Date.now().toString(36).toUpperCase()}`.slice(0, 16),
          facilityCode: RS_NEAR,
          poliCode: 'ANA',
          poliName: 'Anak',
          serviceDate: date,
          queueNumber: n,
          displayNumber: `ANA-00${n}`,
          patientRef: `p_loadtest${n}abcdefgh`,
          source: 'online',
          bookedAt: new Date().toISOString(),
        },
        RS_NEAR,
      );
    }
    await eventually(async () => {
      const after = await mine();
      expect(after.map((s) => s.facilityCode)).toEqual([RS_FAR, RS_NEAR]);
      expect(after[1]).toMatchObject({
        booked: 2,
        referralsSent: 1,
        remainingQuota: 0,
        loadPercent: 100,
        available: false,
      });
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
    await h.bookTicketFor(attended, await h.waitEvent(attended.id, 'referral.accepted'), 'INT-001');
    await eventually(async () => expect((await h.read(attended.id)).status).toBe('scheduled'));
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
    const accepted = (await refer()).body;
    await h.act(accepted.id, 'receive');
    await h.act(accepted.id, 'accept', { visitDate: plusDays(todayIso(), 2) });
    const done = (await refer()).body;
    await h.act(done.id, 'receive');
    await h.act(done.id, 'accept', { visitDate: plusDays(todayIso(), 2) });
    await h.bookTicketFor(done, await h.waitEvent(done.id, 'referral.accepted'), 'INT-002');
    await eventually(async () => expect((await h.read(done.id)).status).toBe('scheduled'));
    await h.act(done.id, 'attend');

    const sweep = (now: string) =>
      postJson<{ expired: string[] }>(`${h.base}/internal/v1/jobs/expire-referrals`, { now });
    const lastValidDay = waiting.validUntil;
    const onLastDay = await sweep(`${lastValidDay}T10:00:00+07:00`);
    expect(onLastDay.body.expired).not.toContain(waiting.id);

    const dayAfter = await sweep(`${plusDays(lastValidDay, 1)}T00:30:00+07:00`);
    expect(dayAfter.body.expired).toEqual(expect.arrayContaining([waiting.id, accepted.id]));
    expect(dayAfter.body.expired).not.toContain(done.id);
    expect((await h.read(waiting.id)).status).toBe('expired');
    expect((await h.read(done.id)).status).toBe('attended');
    await h.waitEvent(waiting.id, 'referral.expired');

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
