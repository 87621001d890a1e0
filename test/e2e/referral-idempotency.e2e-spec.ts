import { randomUUID } from 'node:crypto';
import { ReferralDb } from '../../apps/referral-service/src/database/referral-db';
import {
  facilityRecord,
  plusDays,
  ReferralHarness,
  todayIso,
  type Envelope,
  type ReferralBody,
} from '../../apps/referral-service/test/e2e-harness';
import { eventually, postJson, type JsonResponse } from '@app/testing';
import { patientRefOf } from '../../apps/referral-service/src/patients/patient-ref';

/**
 * A client that lost the answer retries: on a real referral-service process with real Postgres
 * and Kafka, a retried creation with the same Idempotency-Key makes one referral and one
 * `referral.sent` event (also when 20 copies arrive at once), the key with another body is refused
 * and changes nothing, and every other change refuses a repeat without a second event. The
 * facility master data and queue-service's ticket answer arrive as the contract events
 * queue-service publishes.
 */
const FKTP = '99120001';
const RS_A = '9912R001';
const RS_B = '9912R002';

type Patient = { nik: string; name: string; phone: string };
type Created = ReferralBody & { patient: { ref: string; nik: string | null } };

describe('referral idempotency', () => {
  const h = new ReferralHarness(5802, 'referral-idempotency', 0);
  let db: ReferralDb;

  const bodyFor = (patient: Patient, over: Record<string, unknown> = {}) => ({
    originFacilityCode: FKTP,
    referringDoctor: 'dr. Andi Pratama',
    patient,
    diagnosisCode: 'E11.5',
    destination: { facilityCode: RS_A, poliCode: 'INT' },
    plannedVisitDate: plusDays(todayIso(), 2),
    ...over,
  });
  const create = (body: unknown, key?: string): Promise<JsonResponse<Created>> =>
    postJson<Created>(`${h.base}/v1/referrals`, body, key ? { 'Idempotency-Key': key } : {});
  const newKey = () => `retry-${randomUUID()}`;

  const count = async (sql: string, ...args: unknown[]): Promise<number> => {
    const [row] = await db.$queryRawUnsafe<Array<{ n: bigint }>>(sql, ...args);
    return Number(row?.n ?? 0);
  };
  // NIKs are sealed at rest: a patient's referrals are found by the keyed hash, patientRef.
  const referralsOf = (nik: string) =>
    count(
      `SELECT count(*) AS n FROM referral WHERE patient_ref = $1`,
      patientRefOf({ kind: 'nik', value: nik }, h.settings.patientRefSecret),
    );
  const outboxSize = () => count(`SELECT count(*) AS n FROM outbox_event`);

  /**
   * Every event written so far for `destination` is on Kafka once a marker referral's event (made
   * now, same key, so same partition, published in outbox order after them) has arrived.
   */
  const allPublishedFor = async (destination: string): Promise<void> => {
    const marker = await create(
      bodyFor(h.nextPatient(), { destination: { facilityCode: destination, poliCode: 'INT' } }),
    );
    expect(marker.status).toBe(201);
    await h.waitEvent(marker.body.id, 'referral.sent');
  };
  const sentEventsFor = (patientRef: string): Envelope[] =>
    h.referrals
      .envelopes<Envelope>()
      .filter((e) => e.type === 'referral.sent' && e.payload.patientRef === patientRef);

  beforeAll(async () => {
    await h.start();
    await h.waitCaughtUp();
    db = new ReferralDb(h.settings.databaseUrls.referral);
    for (const [code, type, lat] of [
      [FKTP, 'FKTP', -6.9],
      [RS_A, 'FKRTL', -6.91],
      [RS_B, 'FKRTL', -6.95],
    ] as const) {
      await h.publish(
        'queue.facility.upserted',
        facilityRecord(code, type, lat, 109.05, ['INT']),
        code,
      );
    }
    await h.waitFacilities(FKTP, 'INT', [RS_A, RS_B]);
  });

  afterAll(async () => {
    await h.stop();
    await db?.$disconnect();
  });

  it('same key, same body twice: one referral, one referral.sent, the retry answered 200 with the same body', async () => {
    const body = bodyFor(h.nextPatient());
    const key = newKey();
    const first = await create(body, key);
    expect(first.status).toBe(201);
    const again = await create(body, key);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // The same request with its fields in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const third = await create(reordered, key);
    expect(third.status).toBe(200);
    expect(third.body.id).toBe(first.body.id);

    expect(await referralsOf(body.patient.nik)).toBe(1);
    await allPublishedFor(RS_A);
    const sent = sentEventsFor(first.body.patient.ref);
    expect(sent).toHaveLength(1);
    expect(sent[0].payload.referralId).toBe(first.body.id);
  });

  it('same key, another body: 409 REFERRAL.IDEMPOTENCY_KEY_REUSED, nothing created or published', async () => {
    const key = newKey();
    const patient = h.nextPatient();
    const first = await create(bodyFor(patient), key);
    expect(first.status).toBe(201);
    const outboxBefore = await outboxSize();

    const otherPatient = h.nextPatient();
    const other = await create(bodyFor(otherPatient), key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('REFERRAL.IDEMPOTENCY_KEY_REUSED');
    const otherNotes = await create(bodyFor(patient, { notes: 'Keluhan bertambah berat' }), key);
    expect(otherNotes.status).toBe(409);
    expect(otherNotes.body.error.code).toBe('REFERRAL.IDEMPOTENCY_KEY_REUSED');

    expect(await referralsOf(otherPatient.nik)).toBe(0);
    expect(await referralsOf(patient.nik)).toBe(1);
    expect(await outboxSize()).toBe(outboxBefore);
    // The same key sent by another FKTP is another key: it makes that FKTP's referral.
    const elsewhere = await create(bodyFor(otherPatient, { originFacilityCode: '99120002' }), key);
    expect(elsewhere.status).toBe(201);
    expect(await referralsOf(otherPatient.nik)).toBe(1);
  });

  it('a malformed key: 400 REFERRAL.IDEMPOTENCY_KEY_INVALID, nothing created', async () => {
    const patient = h.nextPatient();
    const res = await create(bodyFor(patient), 'bad key');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REFERRAL.IDEMPOTENCY_KEY_INVALID');
    expect(await referralsOf(patient.nik)).toBe(0);
  });

  it('20 concurrent requests with one key: one referral (201), 19 answers of it (200), one event, no serial burnt', async () => {
    const body = bodyFor(h.nextPatient(), { destination: { facilityCode: RS_B, poliCode: 'INT' } });
    const key = newKey();
    const answers = await Promise.all(Array.from({ length: 20 }, () => create(body, key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(19);
    const ids = new Set(answers.map((a) => a.body.id));
    expect(ids.size).toBe(1);
    const winner = answers.find((a) => a.status === 201)!.body;
    for (const a of answers) expect(a.body).toEqual(winner);

    expect(await referralsOf(body.patient.nik)).toBe(1);
    expect(
      await count(
        `SELECT count(*) AS n FROM referral_history WHERE referral_id = $1::uuid`,
        winner.id,
      ),
    ).toBe(1);
    // The losers' transactions rolled back with their serials: the next number follows on.
    const next = await create(bodyFor(h.nextPatient()));
    expect(Number(next.body.number.slice(-6))).toBe(Number(winner.number.slice(-6)) + 1);

    await allPublishedFor(RS_B);
    expect(sentEventsFor(winner.patient.ref)).toHaveLength(1);
  });

  it('every other change refuses a repeat with 409 and no second event; a redelivered ticket changes nothing', async () => {
    const visitDate = plusDays(todayIso(), 3);
    const r = (await create(bodyFor(h.nextPatient()))).body;
    const twice = async (verb: string, body: unknown, status: string) => {
      const first = await h.act(r.id, verb, body);
      expect({ verb, status: first.status, to: first.body.status }).toEqual({
        verb,
        status: 200,
        to: status,
      });
      const again = await h.act(r.id, verb, body);
      expect({ verb, status: again.status, code: again.body.error?.code }).toEqual({
        verb,
        status: 409,
        code: 'REFERRAL.ILLEGAL_TRANSITION',
      });
    };
    await twice('receive', {}, 'received');
    // Five desks accepting at once: one wins, the others are told it already happened.
    const accepts = await Promise.all(
      Array.from({ length: 5 }, () => h.act(r.id, 'accept', { visitDate })),
    );
    expect(accepts.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    for (const a of accepts.filter((x) => x.status === 409))
      expect(['REFERRAL.ILLEGAL_TRANSITION', 'REFERRAL.CONCURRENT_UPDATE']).toContain(
        a.body.error.code,
      );
    expect((await h.act(r.id, 'accept', { visitDate })).status).toBe(409);

    // queue-service's answer, delivered twice (a redelivery) and then answered again.
    const accepted = await h.waitEvent(r.id, 'referral.accepted');
    const ticket = await h.bookTicketFor(r, accepted, 'INT-005');
    await eventually(async () => expect((await h.read(r.id)).status).toBe('scheduled'));
    await h.sendRaw(ticket);
    await h.bookTicketFor(r, accepted, 'INT-006');

    await twice('attend', {}, 'attended');
    const feedback = { diagnosis: 'E11.5', treatmentSummary: 'Insulin basal', followUp: 'PRB' };
    await twice('complete', { feedback }, 'completed');
    await twice('back-referral', { programme: '01', notes: 'Kontrol gula darah' }, 'back_referred');
    expect((await h.read(r.id)).appointment?.displayNumber).toBe('INT-005');

    // The refusals of the other hospital-desk actions on a referral that has moved on.
    const d = (await create(bodyFor(h.nextPatient()))).body;
    await h.act(d.id, 'receive');
    const declined = await h.act(d.id, 'decline', { reason: 'Poli penuh' });
    expect(declined.status).toBe(200);
    expect((await h.act(d.id, 'decline', { reason: 'Poli penuh' })).status).toBe(409);
    const f = (await create(bodyFor(h.nextPatient()))).body;
    await h.act(f.id, 'receive');
    const forward = { toFacilityCode: RS_B, reason: 'Dokter cuti' };
    expect((await h.act(f.id, 'forward', forward)).status).toBe(200);
    expect((await h.act(f.id, 'forward', forward)).status).toBe(409);
    expect((await h.act(f.id, 'cancel', { reason: 'Pasien pindah' })).status).toBe(200);
    expect((await h.act(f.id, 'cancel', { reason: 'Pasien pindah' })).status).toBe(409);

    await h.waitCaughtUp(); // the redelivered and the late ticket have been applied (ignored)
    expect((await h.read(r.id)).status).toBe('back_referred');
    await allPublishedFor(RS_A);
    await allPublishedFor(RS_B);
    const types = (id: string) => h.eventsOf(id).map((e) => e.type);
    expect(types(r.id)).toEqual([
      'referral.sent',
      'referral.received',
      'referral.accepted',
      'referral.scheduled',
      'referral.attended',
      'referral.completed',
      'referral.back-referred',
    ]);
    expect(types(d.id)).toEqual(['referral.sent', 'referral.received', 'referral.declined']);
    // Forwarded and cancelled are keyed by the new hospital (another partition): compare as sets.
    expect(types(f.id).sort()).toEqual(
      ['referral.sent', 'referral.received', 'referral.forwarded', 'referral.cancelled'].sort(),
    );
  });
});
