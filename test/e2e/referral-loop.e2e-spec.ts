import { verifyWebhookSignature } from '../../apps/referral-service/src/webhooks/webhook-signature';
import {
  facilityRecord,
  plusDays,
  ReferralHarness,
  todayIso,
  type Envelope,
  type ReferralBody,
} from '../../apps/referral-service/test/e2e-harness';
import { eventually, getJson, WebhookReceiver } from '@app/testing';

/**
 * The closed referral loop on a real referral-service process, real Kafka and Postgres, and a
 * hospital's webhook receiver. queue-service's side (facility master data, the ticket booked for
 * an accepted referral, a refused booking) is played by publishing its contract events; switch
 * those steps to the real queue-service once it consumes referral.accepted.
 */
const PUSKESMAS = '33290101';
const RS_A = '3329R001';
const RS_B = '3329R002';
const SECRET = 'rs-brebes-webhook-secret-0123456789abcdef';

describe('referral closed loop', () => {
  const h = new ReferralHarness(4602, 'referral-loop', 500);
  const receiver = new WebhookReceiver(SECRET, verifyWebhookSignature);
  const refer = (over: Record<string, unknown> = {}) => h.refer(PUSKESMAS, RS_A, over);

  beforeAll(async () => {
    await receiver.start();
    await h.start();
    for (const f of [
      facilityRecord(PUSKESMAS, 'FKTP', -6.8722, 109.0436, ['UMU']),
      facilityRecord(RS_A, 'FKRTL', -6.8731, 109.0462, ['INT', 'ANA']),
      facilityRecord(RS_B, 'FKRTL', -7.0556, 109.0265, ['INT']),
    ]) {
      await h.publish('queue.facility.upserted', f, f.code);
    }
    await h.waitFacilities(PUSKESMAS, 'INT', [RS_A, RS_B]);
    expect(await h.registerWebhook(RS_A, receiver.url, SECRET)).toBe(200);
  });

  afterAll(async () => {
    await h.stop();
    await receiver.stop();
  });

  it('puskesmas → hospital (Kafka + signed webhook) → accepted → ticket → attended → completed → seen at the puskesmas', async () => {
    const created = await refer({ notes: 'Gula darah tidak terkontrol, luka kaki.' });
    expect(created.status).toBe(201);
    const r = created.body;
    expect(r.number).toMatch(new RegExp(`^${PUSKESMAS}\\d{4}P\\d{6}$`));
    expect(r.validUntil).toBe(plusDays(r.referralDate, 90));

    // On Kafka, keyed by the hospital; on its webhook, the same event, signed.
    const sent = await h.waitEvent(r.id, 'referral.sent');
    expect(sent.key).toBe(RS_A);
    const hooked = await eventually(() => {
      const d = receiver.ofType('referral.sent').find((x) => x.body.includes(r.id));
      if (!d) throw new Error('webhook not delivered yet');
      return Promise.resolve(d);
    });
    expect((JSON.parse(hooked.body) as Envelope).id).toBe(sent.id);
    const verify = (secret: string) =>
      verifyWebhookSignature({ secret, body: hooked.body, header: hooked.signature }).ok;
    expect(verify(SECRET)).toBe(true);
    expect(verify('another-hospital-secret-0123456789abcdef')).toBe(false);

    const inbox = await getJson<ReferralBody[]>(
      `${h.base}/v1/hospitals/${RS_A}/referrals?status=sent`,
    );
    expect(inbox.body.map((x) => x.id)).toContain(r.id);
    expect((await h.act(r.id, 'receive')).body.status).toBe('received');
    const visitDate = plusDays(todayIso(), 3);
    const accepted = await h.act(r.id, 'accept', {
      visitDate,
      doctorCode: '301002',
      practiceHours: '08:00-12:00',
    });
    expect(accepted.body.status).toBe('accepted');

    // queue-service's part (simulated): it books the ticket for referral.accepted; its event
    // reaching us twice schedules the referral once.
    const acceptedEvent = await h.waitEvent(r.id, 'referral.accepted');
    expect(acceptedEvent.payload).toMatchObject({
      visitDate,
      doctorCode: '301002',
      referralNumber: r.number,
    });
    const booked = await h.bookTicketFor(r, acceptedEvent, 'INT-005');
    await h.sendRaw(booked);
    const scheduled = await h.waitEvent(r.id, 'referral.scheduled');
    // What notification-service turns into the patient's message: the hospital queue number.
    expect(scheduled.payload).toMatchObject({
      displayNumber: 'INT-005',
      bookingCode: booked.payload.bookingCode,
      visitDate,
    });
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));
    expect((await h.read(r.id)).appointment).toMatchObject({ displayNumber: 'INT-005' });

    expect((await h.act(r.id, 'attend')).body.status).toBe('attended');
    const feedback = {
      diagnosis: 'E11.5 Ulkus kaki diabetik',
      treatmentSummary: 'Debridemen, insulin basal',
      followUp: 'Kontrol gula darah di puskesmas; PRB DM',
    };
    expect((await h.act(r.id, 'complete', { feedback })).body.status).toBe('completed');

    // The puskesmas sees it completed, with the feedback for its doctor.
    const mine = await getJson<ReferralBody[]>(`${h.base}/v1/facilities/${PUSKESMAS}/referrals`);
    expect(mine.body.find((x) => x.id === r.id)).toMatchObject({ status: 'completed', feedback });

    const back = await h.act(r.id, 'back-referral', {
      programme: '01',
      notes: 'Metformin 2x500 mg, kontrol bulanan',
    });
    expect(back.body.status).toBe('back_referred');
    expect(back.body.backReferral?.number).toMatch(new RegExp(`^${RS_A}\\d{4}B\\d{6}$`));

    const fhir = await getJson<{
      entry: Array<{ resource: { resourceType: string; status: string } }>;
    }>(`${h.base}/v1/referrals/${r.id}/fhir`);
    expect(fhir.body.entry.map((e) => [e.resource.resourceType, e.resource.status])).toEqual([
      ['ServiceRequest', 'completed'],
      ['Task', 'completed'],
    ]);

    // Every step reached Kafka and the hospital's webhook once, in order.
    const loop = [
      'referral.sent',
      'referral.received',
      'referral.accepted',
      'referral.scheduled',
      'referral.attended',
      'referral.completed',
      'referral.back-referred',
    ];
    await eventually(() => {
      expect(h.eventsOf(r.id).map((e) => e.type)).toEqual(loop);
      const hooks = receiver.deliveries.filter((d) => d.body.includes(r.id));
      expect(hooks.map((d) => d.eventType)).toEqual(loop);
      return Promise.resolve();
    });
    expect(receiver.rejectedSignatures).toBe(0);
  });

  it('refuses a non-specialist diagnosis without TACC; with TACC accepts it and counts it in the RRNS', async () => {
    const month = todayIso().slice(0, 7);
    interface Rrns {
      totalReferrals: number;
      nonSpecialistReferrals: number;
      nonSpecialistWithTacc: number;
      ratioPercent: number;
    }
    const rrns = async () =>
      (await getJson<Rrns>(`${h.base}/v1/facilities/${PUSKESMAS}/rrns?month=${month}`)).body;
    const before = await rrns();

    const refused = await refer({ diagnosisCode: 'J06.9' });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'REFERRAL.TACC_REQUIRED']);
    const badTacc = await refer({ diagnosisCode: 'J06.9', tacc: { code: 1, reason: 'lama' } });
    expect(badTacc.body.error.code).toBe('REFERRAL.TACC_INVALID');
    const unknown = await refer({ diagnosisCode: 'X99' });
    expect(unknown.body.error.code).toBe('REFERRAL.UNKNOWN_DIAGNOSIS');
    const malformed = await refer({ diagnosisCode: 'diabetes' });
    expect(malformed.body.error.code).toBe('REFERRAL.UNKNOWN_DIAGNOSIS');

    const withTacc = await refer({
      diagnosisCode: 'J06.9',
      tacc: { code: 2, reason: '>= 55 Tahun' },
    });
    expect(withTacc.status).toBe(201);
    const after = await rrns();
    expect(after.totalReferrals).toBe(before.totalReferrals + 1);
    expect(after.nonSpecialistReferrals).toBe(before.nonSpecialistReferrals + 1);
    expect(after.nonSpecialistWithTacc).toBe(after.nonSpecialistReferrals);
    expect(after.ratioPercent).toBeCloseTo(
      (100 * after.nonSpecialistReferrals) / after.totalReferrals,
      1,
    );
  });

  it('a full quota moves the referral to needs-rescheduling and tells the hospital; a new date schedules it', async () => {
    const r = (await refer()).body;
    await h.act(r.id, 'receive');
    await h.act(r.id, 'accept', { visitDate: plusDays(todayIso(), 1) });
    const first = await h.waitEvent(r.id, 'referral.accepted');
    await h.publish(
      'queue.referral-booking.rejected',
      {
        referralId: r.id,
        referralNumber: r.number,
        facilityCode: RS_A,
        errorCode: 'QUEUE.QUOTA_EXHAUSTED',
        reason: 'Kuota poli INT penuh',
        at: new Date().toISOString(),
      },
      RS_A,
    );
    const told = await h.waitEvent(r.id, 'referral.needs-rescheduling');
    expect(told.payload).toMatchObject({ errorCode: 'QUEUE.QUOTA_EXHAUSTED' });
    await eventually(() => {
      const hooks = receiver.ofType('referral.needs-rescheduling');
      expect(hooks.some((d) => d.body.includes(r.id))).toBe(true);
      return Promise.resolve();
    });
    expect((await h.read(r.id)).status).toBe('needs_rescheduling');

    await h.act(r.id, 'accept', { visitDate: plusDays(todayIso(), 4) });
    const second = await eventually(() => {
      const all = h.eventsOf(r.id).filter((e) => e.type === 'referral.accepted');
      expect(all).toHaveLength(2);
      return Promise.resolve(all[1]);
    });
    expect(second.payload.visitDate).not.toBe(first.payload.visitDate);
    await h.bookTicketFor(r, second, 'INT-009');
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));
  });
});
