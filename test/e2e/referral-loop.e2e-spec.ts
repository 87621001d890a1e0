import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Topic } from '@app/contracts';
import { pgPoolConfigFromUrl } from '@app/database';
import {
  cardNumberFor,
  DEMO_INTERNAL_API_TOKEN,
  eventually,
  getJson,
  HttpReceiver,
  REPO_ROOT,
  serviceFetch,
  type TicketBody,
  TopicReader,
  WebhookReceiver,
} from '@app/testing';
import { verifyWebhookSignature } from '../../apps/referral-service/src/webhooks/webhook-signature';
import {
  plusDays,
  ReferralHarness,
  todayIso,
  type Envelope,
  type ReferralBody,
} from '../../apps/referral-service/test/e2e-harness';
import {
  e164,
  notificationEnv,
  type DeliveryRow,
  type NotificationRow,
} from '../../apps/notification-service/test/e2e-support';

/**
 * The closed referral loop on the real services: queue-service (facility master data, the
 * hospital ticket booked for an accepted referral, a booking refused for a full quota),
 * referral-service and notification-service as real processes on real Kafka, Redis and Postgres,
 * with a hospital's webhook receiver and a WhatsApp gateway standing in for the patient's phone.
 * Nothing of queue-service is simulated; the only event the test publishes itself is a
 * redelivery of queue-service's own booking event, to prove it is applied once.
 */
const PUSKESMAS = '33290301';
const RS_A = '3329R031';
const RS_B = '3329R032';
const SECRET = 'rs-brebes-webhook-secret-0123456789abcdef';
/** RS_A's internist with room for everyone; its second internist sees one JKN patient a day. */
const DOCTOR = '310001';
const DOCTOR_ONE_A_DAY = '310002';

/** Sessions all day every day (8 = holidays), so the test behaves the same at any hour. */
const allDay = (quotaJkn: number, quotaNonJkn = 0) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));

const PUSKESMAS_RECORD = {
  name: 'Puskesmas Brebes Uji',
  type: 'FKTP',
  district: 'Brebes',
  address: 'Jl. Puskesmas No. 3, Brebes',
  latitude: -6.8722,
  longitude: 109.0436,
  polis: [{ code: 'UMU', name: 'Umum', prefix: 'U', subspecialties: [] }],
  doctors: [{ code: '330001', name: 'dr. Andi Pratama', poliCode: 'UMU', schedules: allDay(60) }],
  counters: [{ code: 'L1', name: 'Loket 1', station: 'admisi', poliCodes: [] }],
};
const RS_A_RECORD = {
  name: 'RSUD Brebes Uji',
  type: 'FKRTL',
  district: 'Brebes',
  address: 'Jl. Rumah Sakit No. 1, Brebes',
  latitude: -6.8731,
  longitude: 109.0462,
  polis: [
    { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: ['END', 'GER'] },
    { code: 'ANA', name: 'Anak', prefix: 'ANA', subspecialties: [] },
  ],
  doctors: [
    { code: DOCTOR, name: 'dr. Budi, Sp.PD-KEMD', poliCode: 'INT', schedules: allDay(50, 20) },
    { code: DOCTOR_ONE_A_DAY, name: 'dr. Citra, Sp.PD', poliCode: 'INT', schedules: allDay(1) },
    { code: '310003', name: 'dr. Dewi, Sp.A', poliCode: 'ANA', schedules: allDay(30, 10) },
  ],
  counters: [
    { code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] },
    { code: 'INT-1', name: 'Poli Penyakit Dalam ruang 1', station: 'poli', poliCodes: ['INT'] },
    { code: 'F1', name: 'Farmasi', station: 'farmasi', poliCodes: [] },
  ],
};
const RS_B_RECORD = {
  ...RS_A_RECORD,
  name: 'RS Bumiayu Uji',
  latitude: -7.0556,
  longitude: 109.0265,
  polis: [{ code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] }],
  doctors: [{ code: '320001', name: 'dr. Eka, Sp.PD', poliCode: 'INT', schedules: allDay(20) }],
};

interface Suggestion {
  facilityCode: string;
  subspecialtyMatch: boolean;
  distanceKm: number | null;
  capacity: number;
}
interface TicketView extends TicketBody {
  facilityCode: string;
  serviceDate: string;
  source: string;
  doctorCode: string | null;
  patientType: string;
  visitType: number | null;
  referenceNumber: string | null;
}

describe('referral closed loop', () => {
  const receiver = new WebhookReceiver(SECRET, verifyWebhookSignature);
  let whatsapp: HttpReceiver;
  let h: ReferralHarness;
  let tickets: TopicReader;
  const refer = (over: Record<string, unknown> = {}) => h.refer(PUSKESMAS, RS_A, over);
  const queueBase = () => `http://127.0.0.1:${h.settings.ports['queue-service']}`;
  const ticketOf = async (bookingCode: string) =>
    (await h.queue.get<TicketView>(`/v1/tickets/${bookingCode}`)).body;
  /** queue.ticket.booked events queue-service published for a referral. */
  const bookedFor = (referralId: string) =>
    tickets
      .envelopes<Envelope>()
      .filter((e) => e.type === 'queue.ticket.booked' && e.payload.referralId === referralId);
  const notificationsOf = async (recipient: string) =>
    (
      await getJson<NotificationRow[]>(
        `${h.notificationBase}/v1/notifications?recipient=${recipient}`,
      )
    ).body;
  /** What the patient's phone received (one per idempotency key) and every raw request. */
  const toPhone = (phone: string) => ({
    messages: whatsapp
      .accepted()
      .filter((r) => (r.body as { to: string }).to === e164(phone))
      .map((r) => ({ id: r.idempotencyKey, text: (r.body as { text: string }).text })),
    raw: whatsapp.acceptedRaw().filter((r) => (r.body as { to: string }).to === e164(phone)),
  });

  beforeAll(async () => {
    await receiver.start();
    whatsapp = await HttpReceiver.start();
    h = new ReferralHarness(4702, 'referral-loop', 500, {
      stack: { notificationEnv: notificationEnv({ WHATSAPP_GATEWAY_URLS: whatsapp.url('/wa') }) },
    });
    await h.start();
    tickets = await new TopicReader(h.settings.kafkaBrokers, Topic.QueueTickets).start();
    await h.waitCaughtUp();

    // Master data is entered once, at queue-service; referral-service learns it from Kafka.
    await h.queue.putFacility(PUSKESMAS, PUSKESMAS_RECORD);
    await h.queue.putFacility(RS_A, RS_A_RECORD);
    await h.queue.putFacility(RS_B, RS_B_RECORD);
    await h.waitFacilities(PUSKESMAS, 'INT', [RS_A, RS_B]);
    // The ranking uses the whole record: the puskesmas's location, sub-specialties, quotas.
    const ranked = await eventually(async () => {
      const r = await getJson<{ suggestions: Suggestion[] }>(
        `${h.base}/v1/referral-destinations?origin=${PUSKESMAS}&poli=INT&subspecialty=END&limit=50`,
      );
      expect(r.body.suggestions.every((s) => s.distanceKm !== null)).toBe(true);
      return r.body.suggestions;
    });
    expect(ranked[0]).toMatchObject({ facilityCode: RS_A, subspecialtyMatch: true, capacity: 71 });
    expect(ranked.find((s) => s.facilityCode === RS_B)?.subspecialtyMatch).toBe(false);
    expect(await h.registerWebhook(RS_A, receiver.url, SECRET)).toBe(200);
  });

  afterAll(async () => {
    await tickets?.stop();
    await h?.stop();
    await whatsapp?.stop();
    await receiver.stop();
  });

  it('puskesmas → hospital (Kafka + signed webhook) → accepted → ticket booked by queue-service → patient told the number → attended → completed → seen at the puskesmas', async () => {
    const patient = h.nextPatient();
    const created = await refer({
      patient,
      destination: { facilityCode: RS_A, poliCode: 'INT', subspecialty: 'END' },
      notes: 'Gula darah tidak terkontrol, luka kaki.',
    });
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
    const accepted = await h.act(r.id, 'accept', { visitDate, doctorCode: DOCTOR });
    expect(accepted.body.status).toBe('accepted');
    const acceptedEvent = await h.waitEvent(r.id, 'referral.accepted');
    expect(acceptedEvent.payload).toMatchObject({
      visitDate,
      doctorCode: DOCTOR,
      referralNumber: r.number,
    });

    // queue-service books the hospital ticket for referral.accepted; referral-service schedules.
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));
    const appointment = (await h.read(r.id)).appointment!;
    const ticket = await ticketOf(appointment.bookingCode!);
    expect(ticket).toMatchObject({
      bookingCode: appointment.bookingCode,
      displayNumber: appointment.displayNumber,
      facilityCode: RS_A,
      poliCode: 'INT',
      serviceDate: visitDate,
      doctorCode: DOCTOR,
      status: 'booked',
      source: 'referral',
      patientType: 'JKN',
      visitType: 1,
      referenceNumber: r.number,
    });
    expect(ticket.displayNumber).toBe('INT-001'); // the hospital's first INT ticket that day
    const history = await h.queue.get<{ ticket: TicketView }>(
      `/v1/tickets/${ticket.bookingCode}/history`,
    );
    expect(history.body.ticket).toMatchObject({ status: 'booked', referenceNumber: r.number });
    const scheduled = await h.waitEvent(r.id, 'referral.scheduled');
    expect(scheduled.payload).toMatchObject({
      displayNumber: 'INT-001',
      bookingCode: ticket.bookingCode,
      visitDate,
    });
    const booked = await eventually(() => {
      const [b] = bookedFor(r.id);
      if (!b) throw new Error('queue.ticket.booked not read yet');
      return Promise.resolve(b);
    });
    expect(booked.payload).toMatchObject({
      patientRef: acceptedEvent.payload.patientRef,
      referenceNumber: r.number,
      visitType: 1,
    });

    // The patient's phone gets the hospital queue number (contact given at the puskesmas).
    const told = await eventually(() => {
      const m = toPhone(patient.phone).messages.find((x) =>
        x.text.includes(`Nomor antrean Anda INT-001, kode booking ${ticket.bookingCode}`),
      );
      if (!m) throw new Error('patient not told the queue number yet');
      return Promise.resolve(m);
    });
    expect(told.text).toContain(r.number);
    const patientRef = String(acceptedEvent.payload.patientRef);
    const note = (await notificationsOf(patientRef)).find(
      (n) => n.template === 'referral-scheduled@1',
    );
    expect(told.id).toBe(note?.id);
    expect(note?.title).toBe('Rujukan dijadwalkan: antrean INT-001');
    await eventually(async () => {
      const d = await getJson<{ deliveries: DeliveryRow[] }>(
        `${h.notificationBase}/v1/notifications/${note!.id}`,
      );
      expect(d.body.deliveries.find((x) => x.kind === 'message')).toMatchObject({
        status: 'sent',
        channel: 'whatsapp',
      });
    });

    // queue-service's booking event delivered twice schedules the referral and tells the patient
    // once: redeliver it and let both consumers pass it before the exactly-once checks below.
    await h.sendRaw(booked as Envelope & { type: 'queue.ticket.booked' });
    await h.waitCaughtUp();

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
    // One ticket for the referral, and each patient message once.
    expect(bookedFor(r.id).filter((e) => e.id !== booked.id)).toHaveLength(0);
    expect(new Set(bookedFor(r.id).map((e) => e.payload.ticketId)).size).toBe(1);
    const forPatient = (await notificationsOf(patientRef)).filter((n) =>
      ['referral-accepted@1', 'ticket-booked@1', 'referral-scheduled@1'].includes(n.template),
    );
    expect(forPatient.map((n) => n.template).sort()).toEqual([
      'referral-accepted@1',
      'referral-scheduled@1',
      'ticket-booked@1',
    ]);
    await eventually(() => {
      const { raw } = toPhone(patient.phone);
      for (const n of forPatient)
        expect(raw.filter((x) => x.idempotencyKey === n.id)).toHaveLength(1);
      return Promise.resolve();
    });
    const phone = toPhone(patient.phone);
    expect(phone.raw).toHaveLength(phone.messages.length);
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

  it("the ticket booked for a referral keeps the referral's NIK, card and phone (read from referral-service, audited there) for BPJS antrean/add", async () => {
    const patient = { ...h.nextPatient(), cardNumber: '' };
    patient.cardNumber = `9${patient.nik.slice(-12)}`;
    const r = (await refer({ patient })).body;
    await h.act(r.id, 'receive');
    await h.act(r.id, 'accept', { visitDate: plusDays(todayIso(), 5), doctorCode: DOCTOR });
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));
    const bookingCode = (await h.read(r.id)).appointment!.bookingCode!;

    // What bpjs-bridge reads for antrean/add: the referral's identifiers, not empty.
    const identity = await serviceFetch(
      `${queueBase()}/internal/v1/tickets/${bookingCode}/patient-identity?purpose=e2e-check`,
      { headers: { authorization: `Bearer ${DEMO_INTERNAL_API_TOKEN}`, 'x-caller': 'e2e' } },
    );
    expect(identity.status).toBe(200);
    expect(await identity.json()).toMatchObject({
      bookingCode,
      patientType: 'JKN',
      nik: patient.nik,
      nomorkartu: patient.cardNumber,
      nohp: patient.phone,
    });

    // referral-service recorded who read them and why.
    const db = new Client(pgPoolConfigFromUrl(h.settings.databaseUrls.referral));
    await db.connect();
    try {
      const audit = await db.query<{ accessor: string; purpose: string; fields: string[] }>(
        `SELECT accessor, purpose, fields FROM identity_access
         WHERE referral_id = $1 AND action = 'read' AND accessor = 'queue-service' ORDER BY seq`,
        [r.id],
      );
      expect(audit.rows).toEqual([
        {
          accessor: 'queue-service',
          purpose: 'referral-booking',
          fields: ['nik', 'cardNumber', 'phone'],
        },
      ]);
      // Its creation and every answer that showed the identifiers (receive, accept, reads) too.
      const created = await db.query<{ action: string }>(
        `SELECT action FROM identity_access WHERE referral_id = $1 AND purpose = 'create-referral'`,
        [r.id],
      );
      expect(created.rows).toEqual([{ action: 'create' }]);
    } finally {
      await db.end();
    }

    // The internal endpoint: the right token only (401 with a stable code), 404 when unknown.
    const internal = (id: string, headers: Record<string, string>) =>
      serviceFetch(`${h.base}/internal/v1/referrals/${id}/patient-identity?purpose=e2e-check`, {
        headers,
      });
    // '' = no Authorization header at all (the helpers would otherwise send the service token).
    for (const auth of ['', 'Bearer wrong-token-of-enough-length-0123456789']) {
      const res = await internal(r.id, { 'x-caller': 'e2e', authorization: auth });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({
        error: { code: 'COMMON.SERVICE_AUTH_REQUIRED' },
      });
    }
    const ok = { authorization: `Bearer ${DEMO_INTERNAL_API_TOKEN}`, 'x-caller': 'e2e' };
    const unknown = await internal('0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11', ok);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'REFERRAL.NOT_FOUND' } });
    expect(await (await internal(r.id, ok)).json()).toEqual({
      referralId: r.id,
      nik: patient.nik,
      cardNumber: patient.cardNumber,
      phone: patient.phone,
    });
  });

  it('a full quota at queue-service moves the referral to needs-rescheduling and tells the hospital; a new date schedules it', async () => {
    // The one-a-day internist's JKN place that day goes to a walk-in patient first.
    const fullDate = plusDays(todayIso(), 1);
    const walkIn = await h.queue.book(
      RS_A,
      {
        poliCode: 'INT',
        doctorCode: DOCTOR_ONE_A_DAY,
        serviceDate: fullDate,
        patient: { cardNumber: cardNumberFor(501) },
        patientType: 'JKN',
        source: 'desk',
      },
      { 'Idempotency-Key': `loop-walk-in-${fullDate}` },
    );
    expect([walkIn.status, walkIn.body.error]).toEqual([201, undefined]);

    const r = (await refer()).body;
    await h.act(r.id, 'receive');
    await h.act(r.id, 'accept', { visitDate: fullDate, doctorCode: DOCTOR_ONE_A_DAY });
    const first = await h.waitEvent(r.id, 'referral.accepted');
    const told = await h.waitEvent(r.id, 'referral.needs-rescheduling');
    expect(told.payload).toMatchObject({ errorCode: 'QUEUE.QUOTA_EXHAUSTED' });
    await eventually(() => {
      const hooks = receiver.ofType('referral.needs-rescheduling');
      expect(hooks.some((d) => d.body.includes(r.id))).toBe(true);
      return Promise.resolve();
    });
    expect((await h.read(r.id)).status).toBe('needs_rescheduling');
    expect(bookedFor(r.id)).toHaveLength(0);

    const newDate = plusDays(todayIso(), 4);
    await h.act(r.id, 'accept', { visitDate: newDate, doctorCode: DOCTOR });
    const second = await eventually(() => {
      const all = h.eventsOf(r.id).filter((e) => e.type === 'referral.accepted');
      expect(all).toHaveLength(2);
      return Promise.resolve(all[1]);
    });
    expect(second.payload.visitDate).not.toBe(first.payload.visitDate);
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));
    const ticket = await ticketOf((await h.read(r.id)).appointment!.bookingCode!);
    expect(ticket).toMatchObject({
      serviceDate: newDate,
      doctorCode: DOCTOR,
      status: 'booked',
      visitType: 1,
      referenceNumber: r.number,
    });
  });

  // Last: it stops and restarts services of the shared stack.
  it('books nothing while referral-service cannot answer, then books once with the identifiers when it is back', async () => {
    const queue = h.others.find((p) => p.name === 'queue-service')!;
    await queue.stop();
    const patient = { ...h.nextPatient(), cardNumber: '' };
    patient.cardNumber = `8${patient.nik.slice(-12)}`;
    const r = (await refer({ patient })).body;
    await h.act(r.id, 'receive');
    await h.act(r.id, 'accept', { visitDate: plusDays(todayIso(), 6), doctorCode: DOCTOR });
    await h.waitEvent(r.id, 'referral.accepted'); // on Kafka, waiting for queue-service
    await h.service.stop();

    // queue-service takes the event but cannot read the identifiers: transient, nothing booked.
    const log = join(REPO_ROOT, '.infra/test-logs/referral-loop/queue-service.log');
    const logged = () => readFileSync(log, 'utf8');
    const before = logged().length;
    await queue.start().waitReady();
    await eventually(() => {
      expect(logged().slice(before)).toContain('referral-service identity');
      return Promise.resolve();
    }, 60_000);
    expect(bookedFor(r.id)).toHaveLength(0);

    // Back: the redelivered event books the ticket once, with the referral's identifiers.
    await h.service.start().waitReady();
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'), 90_000);
    const bookingCode = (await h.read(r.id)).appointment!.bookingCode!;
    const identity = await serviceFetch(
      `${queueBase()}/internal/v1/tickets/${bookingCode}/patient-identity?purpose=e2e-check`,
      { headers: { authorization: `Bearer ${DEMO_INTERNAL_API_TOKEN}`, 'x-caller': 'e2e' } },
    );
    expect(await identity.json()).toMatchObject({
      nik: patient.nik,
      nomorkartu: patient.cardNumber,
      nohp: patient.phone,
    });
    await eventually(() => {
      expect(bookedFor(r.id)).toHaveLength(1);
      return Promise.resolve();
    });
  });
});
