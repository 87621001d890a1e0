import { IdentityCipher } from './identity-cipher';

/** The identifiers a patient gave when booking; any may be missing. Never logged, never evented. */
export interface PatientIdentifiers {
  nik?: string | null;
  cardNumber?: string | null;
  phone?: string | null;
  norm?: string | null;
}

/** Column name of each identifier in `patient_identity`. */
export const IDENTITY_COLUMNS = {
  nik: 'nik',
  cardNumber: 'card_number',
  phone: 'phone',
  norm: 'norm',
} as const;
export type IdentityField = keyof typeof IDENTITY_COLUMNS;
export const IDENTITY_FIELDS = Object.keys(IDENTITY_COLUMNS) as IdentityField[];

/** A row of `patient_identity` as stored: every value sealed under `keyId`. */
export interface SealedIdentity {
  ticketId: string;
  keyId: string;
  nik: string | null;
  cardNumber: string | null;
  phone: string | null;
  norm: string | null;
}

/** Additional authenticated data of one value: it belongs to this ticket and this column. */
export const contextOf = (ticketId: string, field: IdentityField): string =>
  `patient_identity:${ticketId}:${field}`;

/** Encrypts what was given under the active key; null when nothing was given (no row to write). */
export function sealIdentity(
  cipher: IdentityCipher,
  ticketId: string,
  ids: PatientIdentifiers,
): SealedIdentity | null {
  if (!IDENTITY_FIELDS.some((f) => ids[f])) return null;
  const seal = (f: IdentityField) => {
    const v = ids[f];
    return v ? cipher.encrypt(v, contextOf(ticketId, f)) : null;
  };
  return {
    ticketId,
    keyId: cipher.activeKeyId,
    nik: seal('nik'),
    cardNumber: seal('cardNumber'),
    phone: seal('phone'),
    norm: seal('norm'),
  };
}

export function openIdentity(
  cipher: IdentityCipher,
  row: SealedIdentity,
): Required<{ [F in IdentityField]: string | null }> {
  const open = (f: IdentityField) => {
    const v = row[f];
    return v ? cipher.decrypt(v, contextOf(row.ticketId, f)) : null;
  };
  return {
    nik: open('nik'),
    cardNumber: open('cardNumber'),
    phone: open('phone'),
    norm: open('norm'),
  };
}

/** Re-encrypts a row under the cipher's active key (decrypting with whichever key sealed it). */
export function resealIdentity(cipher: IdentityCipher, row: SealedIdentity): SealedIdentity {
  return (
    sealIdentity(cipher, row.ticketId, openIdentity(cipher, row)) ?? {
      ...row,
      keyId: cipher.activeKeyId,
    }
  );
}
