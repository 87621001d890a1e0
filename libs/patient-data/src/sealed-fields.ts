import type { IdentityCipher } from './identity-cipher';

/** Plain values of some identifier fields; null or missing = not given. */
export type PlainFields<F extends string> = { [K in F]?: string | null };
/** The same fields as stored: each value sealed, or null. */
export type SealedFields<F extends string> = { [K in F]: string | null };

/**
 * Additional authenticated data of one stored value: it belongs to this table, this row and this
 * column, so a value copied elsewhere fails to decrypt.
 */
export const fieldContext = (table: string, rowId: string, field: string): string =>
  `${table}:${rowId}:${field}`;

/** Encrypts every given field of one row under the active key; missing values stay null. */
export function sealFields<F extends string>(
  cipher: IdentityCipher,
  table: string,
  rowId: string,
  fields: readonly F[],
  plain: PlainFields<F>,
): SealedFields<F> {
  const out = {} as SealedFields<F>;
  for (const f of fields) {
    const v = plain[f];
    out[f] = v ? cipher.encrypt(v, fieldContext(table, rowId, f)) : null;
  }
  return out;
}

/** Decrypts every field of one row (with whichever key of the ring sealed it). */
export function openFields<F extends string>(
  cipher: IdentityCipher,
  table: string,
  rowId: string,
  fields: readonly F[],
  sealed: PlainFields<F>,
): SealedFields<F> {
  const out = {} as SealedFields<F>;
  for (const f of fields) {
    const v = sealed[f];
    out[f] = v ? cipher.decrypt(v, fieldContext(table, rowId, f)) : null;
  }
  return out;
}
