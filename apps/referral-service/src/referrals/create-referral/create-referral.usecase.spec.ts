import { randomBytes } from 'node:crypto';
import { ContactCipher, IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import { DomainError } from '@app/http';
import type { ReferralConfig } from '../../config';
import type { ReferralDb } from '../../database/referral-db';
import type { NonSpecialistList } from '../../diagnoses/non-specialist-list';
import { ReferralErrorCode } from '../../errors';
import type { FacilityDirectory } from '../../facilities/facility-directory';
import type { Referral } from '../../generated/prisma/client';
import { todayIn } from '../referral-dates';
import type { ReferralStore } from '../referral-store';
import { createReferralRequest, type CreateReferralRequest } from './create-referral.request';
import { CreateReferral } from './create-referral.usecase';
import { creationRequestHash, isUniqueViolation } from './creation-idempotency';

const ORIGIN = '99120001';
const KEY = 'retry-key-0001';
const today = todayIn('Asia/Jakarta');

const request = (over: Record<string, unknown> = {}): CreateReferralRequest =>
  createReferralRequest.parse({
    originFacilityCode: ORIGIN,
    referringDoctor: 'dr. Andi',
    patient: { nik: '3329010101900001', name: 'Siti Aminah' },
    diagnosisCode: 'E11.5',
    destination: { facilityCode: '9912R001', poliCode: 'INT' },
    plannedVisitDate: today,
    ...over,
  });

const uniqueViolation = () =>
  Object.assign(new Error('Unique constraint failed on the fields: (`idempotency_key`)'), {
    code: 'P2002',
  });

/** A small fake of what the use case touches; `stored` is the referral table. */
function setup() {
  const stored: Referral[] = [];
  let failNextInsertWith: Error | undefined;
  const tx = {
    $queryRawUnsafe: jest.fn(() => Promise.resolve([{ last: stored.length + 1 }])),
    referral: {
      create: jest.fn(({ data }: { data: Referral }) => {
        if (failNextInsertWith) {
          const e = failNextInsertWith;
          failNextInsertWith = undefined;
          return Promise.reject(e);
        }
        stored.push(data);
        return Promise.resolve(data);
      }),
    },
    referralHistory: { create: jest.fn(() => Promise.resolve({})) },
  };
  const db = {
    referral: {
      findUnique: jest.fn(({ where }: { where: { idempotencyKey: string } }) =>
        Promise.resolve(stored.find((r) => r.idempotencyKey === where.idempotencyKey) ?? null),
      ),
    },
    $transaction: jest.fn((fn: (t: typeof tx) => Promise<unknown>) => fn(tx)),
  };
  const store = { publishIn: jest.fn(() => Promise.resolve()), afterCommit: jest.fn() };
  const facilities = {
    requirePoli: jest.fn(() => Promise.resolve()),
    find: jest.fn(() => Promise.resolve({ type: 'FKTP' })),
  };
  const nonSpecialist = { match: jest.fn(() => Promise.resolve(undefined)) };
  const config = {
    TIMEZONE: 'Asia/Jakarta',
    REFERRAL_VALIDITY_DAYS: 90,
    PATIENT_REF_SECRET: 'unit-test-secret',
  } as ReferralConfig;
  const useCase = new CreateReferral(
    db as unknown as ReferralDb,
    store as unknown as ReferralStore,
    nonSpecialist as unknown as NonSpecialistList,
    facilities as unknown as FacilityDirectory,
    new IdentityCipher(parseIdentityKeys(`t1:${randomBytes(32).toString('base64')}`)),
    new ContactCipher(parseIdentityKeys(`c1:${randomBytes(32).toString('base64')}`)),
    config,
  );
  /** A concurrent request with the same key commits between our look-up and our insert. */
  const raceWith = (earlier: Referral) => {
    failNextInsertWith = uniqueViolation();
    db.referral.findUnique
      .mockImplementationOnce(() => Promise.resolve(null))
      .mockImplementationOnce(() => Promise.resolve(earlier));
  };
  return { useCase, db, tx, store, stored, raceWith };
}

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
};

describe('CreateReferral with an Idempotency-Key', () => {
  it('stores the key scoped by the referring FKTP, with the request hash, in the creating transaction', async () => {
    const { useCase, stored, store, db } = setup();
    const res = await useCase.execute(request(), { correlationId: 'c1', idempotencyKey: KEY });
    expect(res.created).toBe(true);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      idempotencyKey: `${ORIGIN}:${KEY}`,
      requestHash: creationRequestHash(request()),
      status: 'sent',
    });
    expect(db.$transaction).toHaveBeenCalledTimes(1);
    expect(store.publishIn).toHaveBeenCalledTimes(1);
  });

  it('answers the same referral to the same request again, without a new row or event', async () => {
    const { useCase, stored, store, db } = setup();
    const first = await useCase.execute(request(), { correlationId: 'c1', idempotencyKey: KEY });
    const again = await useCase.execute(request(), { correlationId: 'c2', idempotencyKey: KEY });
    expect(again).toEqual({ referral: first.referral, created: false });
    expect(stored).toHaveLength(1);
    expect(db.$transaction).toHaveBeenCalledTimes(1);
    expect(store.publishIn).toHaveBeenCalledTimes(1);
  });

  it('refuses the key with another body (409 REFERRAL.IDEMPOTENCY_KEY_REUSED) and creates nothing', async () => {
    const { useCase, stored, store } = setup();
    await useCase.execute(request(), { correlationId: 'c1', idempotencyKey: KEY });
    const other = request({ notes: 'keluhan bertambah' });
    expect(await codeOf(useCase.execute(other, { correlationId: 'c2', idempotencyKey: KEY }))).toBe(
      ReferralErrorCode.IdempotencyKeyReused,
    );
    expect(stored).toHaveLength(1);
    expect(store.publishIn).toHaveBeenCalledTimes(1);
  });

  it('replays even when the rules would now refuse the request (the planned date has passed)', async () => {
    const { useCase } = setup();
    const first = await useCase.execute(request(), { correlationId: 'c1', idempotencyKey: KEY });
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      jest.setSystemTime(Date.now() + 3 * 86_400_000);
      expect(await codeOf(useCase.execute(request(), { correlationId: 'c2' }))).toBe(
        ReferralErrorCode.InvalidDate,
      );
      const again = await useCase.execute(request(), { correlationId: 'c3', idempotencyKey: KEY });
      expect(again).toEqual({ referral: first.referral, created: false });
    } finally {
      jest.useRealTimers();
    }
  });

  it('keys are per FKTP: the same key from another FKTP makes its own referral', async () => {
    const { useCase, stored } = setup();
    await useCase.execute(request(), { correlationId: 'c1', idempotencyKey: KEY });
    const res = await useCase.execute(request({ originFacilityCode: '99120002' }), {
      correlationId: 'c2',
      idempotencyKey: KEY,
    });
    expect(res.created).toBe(true);
    expect(stored.map((r) => r.idempotencyKey)).toEqual([`${ORIGIN}:${KEY}`, `99120002:${KEY}`]);
  });

  it('a concurrent request with the same key that won the insert is answered as a replay', async () => {
    const { useCase, raceWith, store } = setup();
    const winner = { id: 'w', idempotencyKey: `${ORIGIN}:${KEY}` } as Referral;
    raceWith({ ...winner, requestHash: creationRequestHash(request()) });
    const res = await useCase.execute(request(), { correlationId: 'c', idempotencyKey: KEY });
    expect(res).toEqual({ referral: expect.objectContaining({ id: 'w' }), created: false });
    expect(store.afterCommit).not.toHaveBeenCalled();
  });

  it('a concurrent winner with another body: REFERRAL.IDEMPOTENCY_KEY_REUSED', async () => {
    const { useCase, raceWith } = setup();
    raceWith({ id: 'w', requestHash: 'f'.repeat(64) } as Referral);
    expect(
      await codeOf(useCase.execute(request(), { correlationId: 'c', idempotencyKey: KEY })),
    ).toBe(ReferralErrorCode.IdempotencyKeyReused);
  });

  it.each(['short', 'has space in it', 'ümlaut-key-123', 'x'.repeat(101)])(
    'refuses the malformed key %j (400 REFERRAL.IDEMPOTENCY_KEY_INVALID) before touching the database',
    async (key) => {
      const { useCase, db } = setup();
      expect(
        await codeOf(useCase.execute(request(), { correlationId: 'c', idempotencyKey: key })),
      ).toBe(ReferralErrorCode.IdempotencyKeyInvalid);
      expect(db.referral.findUnique).not.toHaveBeenCalled();
      expect(db.$transaction).not.toHaveBeenCalled();
    },
  );

  it('without a key every request creates, and stores no key or hash', async () => {
    const { useCase, stored, db } = setup();
    await useCase.execute(request(), { correlationId: 'c1' });
    await useCase.execute(request(), { correlationId: 'c2' });
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => r.idempotencyKey === null && r.requestHash === null)).toBe(true);
    expect(db.referral.findUnique).not.toHaveBeenCalled();
  });
});

describe('creation request hash', () => {
  it('ignores key order and defaulted fields, and sees every other difference', () => {
    const base = request();
    const reordered = createReferralRequest.parse({
      plannedVisitDate: today,
      destination: { poliCode: 'INT', facilityCode: '9912R001' },
      diagnosisCode: 'E11.5',
      patient: { name: 'Siti Aminah', nik: '3329010101900001' },
      referringDoctor: 'dr. Andi',
      originFacilityCode: ORIGIN,
      referralType: 0,
      serviceType: 2,
    });
    expect(creationRequestHash(reordered)).toBe(creationRequestHash(base));
    for (const over of [
      { diagnosisCode: 'J45' },
      { serviceType: 1 },
      { patient: { nik: '3329010101900002', name: 'Siti Aminah' } },
      { destination: { facilityCode: '9912R002', poliCode: 'INT' } },
    ]) {
      expect(creationRequestHash(request(over))).not.toBe(creationRequestHash(base));
    }
  });
});

describe('isUniqueViolation', () => {
  it('recognises Prisma P2002 and raw Postgres 23505, nothing else', () => {
    expect(isUniqueViolation(uniqueViolation())).toBe(true);
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(
      isUniqueViolation(new Error('duplicate key value violates unique constraint "x" (23505)')),
    ).toBe(true);
    expect(isUniqueViolation(new Error('connection reset'))).toBe(false);
    expect(isUniqueViolation({ code: 'P2028' })).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });
});
