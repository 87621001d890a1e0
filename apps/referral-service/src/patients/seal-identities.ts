import { inBatches, type IdentityCipher } from '@app/patient-data';
import type { ReferralDb } from '../database/referral-db';
import { openReferralIdentity, sealReferralIdentity } from './referral-identity';

interface Row {
  id: string;
  identity_key_id: string | null;
  patient_nik: string | null;
  patient_card_number: string | null;
  patient_phone: string | null;
  patient_name: string;
}

/** Rows not (yet) under the active key: written before encryption (no key) or before a rotation. */
const PENDING = `identity_erased_at IS NULL AND identity_key_id IS DISTINCT FROM $1`;

/**
 * Seals up to `batchSize` referrals whose identifiers are plain (written before the encryption
 * migration) or under an older key, in one transaction; rows another instance holds are skipped
 * (SKIP LOCKED). Returns how many it sealed: 0 means done. Idempotent and resumable: what is left
 * is always "not under the active key". `updated_at` and `version` are left alone: nothing a
 * person sees changed (and retention counts from `updated_at`).
 */
export async function sealIdentityBatch(
  db: ReferralDb,
  cipher: IdentityCipher,
  batchSize: number,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT id::text AS id, identity_key_id, patient_nik, patient_card_number, patient_phone,
              patient_name
       FROM referral WHERE ${PENDING}
       ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      cipher.activeKeyId,
      batchSize,
    );
    for (const r of rows) {
      const plain = openReferralIdentity(cipher, {
        id: r.id,
        identityKeyId: r.identity_key_id,
        identityErasedAt: null,
        patientNik: r.patient_nik,
        patientCardNumber: r.patient_card_number,
        patientPhone: r.patient_phone,
        patientName: r.patient_name,
      });
      const s = sealReferralIdentity(cipher, r.id, plain);
      await tx.$executeRawUnsafe(
        `UPDATE referral SET identity_key_id = $2, patient_nik = $3, patient_card_number = $4,
           patient_phone = $5, patient_name = $6
         WHERE id = $1::uuid AND identity_key_id IS NOT DISTINCT FROM $7`,
        r.id,
        s.identityKeyId,
        s.patientNik,
        s.patientCardNumber,
        s.patientPhone,
        s.patientName,
        r.identity_key_id,
      );
    }
    return rows.length;
  });
}

/** Referrals whose identifiers are not yet under the active key. */
export async function identitiesToSeal(db: ReferralDb, cipher: IdentityCipher): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM referral WHERE ${PENDING}`,
    cipher.activeKeyId,
  );
  return row?.n ?? 0;
}

/** Seals everything, batch after batch; returns the number of referrals sealed. */
export async function sealIdentities(
  db: ReferralDb,
  cipher: IdentityCipher,
  opts: { batchSize: number; onBatch?: (done: number, total: number) => void },
): Promise<number> {
  return inBatches(() => sealIdentityBatch(db, cipher, opts.batchSize), opts);
}
