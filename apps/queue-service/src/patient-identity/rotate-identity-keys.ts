import type { QueueDb } from '../database/queue-db';
import { inBatches, type IdentityCipher } from '@app/patient-data';
import { resealIdentity, type SealedIdentity } from './patient-identity';

interface Row {
  ticket_id: string;
  key_id: string;
  nik: string | null;
  card_number: string | null;
  phone: string | null;
  norm: string | null;
}

/**
 * Re-encrypts up to `batchSize` identity rows that are not under the active key, in one
 * transaction; rows another rotation holds are skipped (SKIP LOCKED). Returns how many it
 * re-encrypted: 0 means done. Idempotent and resumable: what is left is always "key_id is not the
 * active key", so a crash mid-way loses nothing and the next run goes on from there.
 */
export async function rotateIdentityBatch(
  db: QueueDb,
  cipher: IdentityCipher,
  batchSize: number,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<Row[]>(
      `SELECT ticket_id::text AS ticket_id, key_id, nik, card_number, phone, norm
       FROM patient_identity WHERE key_id <> $1
       ORDER BY key_id, ticket_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      cipher.activeKeyId,
      batchSize,
    );
    for (const r of rows) {
      const sealed: SealedIdentity = {
        ticketId: r.ticket_id,
        keyId: r.key_id,
        nik: r.nik,
        cardNumber: r.card_number,
        phone: r.phone,
        norm: r.norm,
      };
      const fresh = resealIdentity(cipher, sealed);
      await tx.$executeRawUnsafe(
        `UPDATE patient_identity SET key_id = $2, nik = $3, card_number = $4, phone = $5,
           norm = $6, updated_at = now() WHERE ticket_id = $1::uuid AND key_id = $7`,
        r.ticket_id,
        fresh.keyId,
        fresh.nik,
        fresh.cardNumber,
        fresh.phone,
        fresh.norm,
        r.key_id,
      );
    }
    return rows.length;
  });
}

/** Rows still under a key other than the active one. */
export async function identityRowsToRotate(db: QueueDb, cipher: IdentityCipher): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM patient_identity WHERE key_id <> $1`,
    cipher.activeKeyId,
  );
  return row?.n ?? 0;
}

/** Rotates everything, batch after batch, reporting progress; returns the number re-encrypted. */
export async function rotateIdentityKeys(
  db: QueueDb,
  cipher: IdentityCipher,
  opts: { batchSize: number; onBatch?: (done: number, total: number) => void },
): Promise<number> {
  return inBatches(() => rotateIdentityBatch(db, cipher, opts.batchSize), opts);
}
