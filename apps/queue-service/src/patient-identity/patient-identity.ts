import { fieldContext, openFields, sealFields, type IdentityCipher } from '@app/patient-data';

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

const TABLE = 'patient_identity';

/** Additional authenticated data of one value: it belongs to this ticket and this column. */
export const contextOf = (ticketId: string, field: IdentityField): string =>
  fieldContext(TABLE, ticketId, field);

/** Encrypts what was given under the active key; null when nothing was given (no row to write). */
export function sealIdentity(
  cipher: IdentityCipher,
  ticketId: string,
  ids: PatientIdentifiers,
): SealedIdentity | null {
  if (!IDENTITY_FIELDS.some((f) => ids[f])) return null;
  return {
    ticketId,
    keyId: cipher.activeKeyId,
    ...sealFields(cipher, TABLE, ticketId, IDENTITY_FIELDS, ids),
  };
}

export function openIdentity(
  cipher: IdentityCipher,
  row: SealedIdentity,
): Required<{ [F in IdentityField]: string | null }> {
  return openFields(cipher, TABLE, row.ticketId, IDENTITY_FIELDS, row);
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
