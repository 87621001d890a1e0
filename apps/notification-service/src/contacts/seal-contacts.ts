import { inBatches, type IdentityCipher } from '@app/patient-data';
import type { NotificationDb } from '../database/notification-db';
import { openContactRow, sealContactRow, type StoredContact } from './contact-vault';

/** Contacts not (yet) under the active key: plain from before the migration, or an older key. */
const PENDING = `key_id IS DISTINCT FROM $1`;

/**
 * Seals up to `batchSize` contacts that are plain or under an older key, in one transaction; rows
 * another instance (or a contact update) holds are skipped (SKIP LOCKED). Returns how many it
 * sealed: 0 means done. Idempotent and resumable: what is left is always "not under the active
 * key". `updated_at` is left alone: the contact itself did not change.
 */
export async function sealContactBatch(
  db: NotificationDb,
  cipher: IdentityCipher,
  batchSize: number,
): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRawUnsafe<StoredContact[]>(
      `SELECT recipient, phone, email, push_subscription AS "pushSubscription", key_id AS "keyId"
       FROM contact WHERE ${PENDING}
       ORDER BY recipient LIMIT $2 FOR UPDATE SKIP LOCKED`,
      cipher.activeKeyId,
      batchSize,
    );
    for (const r of rows) {
      const s = sealContactRow(cipher, r.recipient, openContactRow(cipher, r));
      await tx.$executeRawUnsafe(
        `UPDATE contact SET phone = $2, email = $3, push_subscription = $4, key_id = $5
         WHERE recipient = $1`,
        r.recipient,
        s.phone,
        s.email,
        s.pushSubscription,
        s.keyId,
      );
    }
    return rows.length;
  });
}

/** Contacts not yet under the active key. */
export async function contactsToSeal(db: NotificationDb, cipher: IdentityCipher): Promise<number> {
  const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(
    `SELECT count(*)::int AS n FROM contact WHERE ${PENDING}`,
    cipher.activeKeyId,
  );
  return row?.n ?? 0;
}

/** Seals everything, batch after batch; returns the number of contacts sealed. */
export async function sealContacts(
  db: NotificationDb,
  cipher: IdentityCipher,
  opts: { batchSize: number; onBatch?: (done: number, total: number) => void },
): Promise<number> {
  return inBatches(() => sealContactBatch(db, cipher, opts.batchSize), opts);
}
