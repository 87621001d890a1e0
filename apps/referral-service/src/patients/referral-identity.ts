import { openFields, sealFields, type IdentityCipher } from '@app/patient-data';
import type { Referral } from '../generated/prisma/client';

/** A referral's patient identifiers in the clear; null = not given (or erased by retention). */
export interface ReferralIdentity {
  nik: string | null;
  cardNumber: string | null;
  phone: string | null;
  name: string | null;
}

export const REFERRAL_IDENTITY_FIELDS = ['nik', 'cardNumber', 'phone', 'name'] as const;
export type ReferralIdentityField = (typeof REFERRAL_IDENTITY_FIELDS)[number];
const TABLE = 'referral';

/** The columns of `referral` that hold the identifiers, as stored. */
export type StoredIdentity = Pick<
  Referral,
  | 'id'
  | 'patientNik'
  | 'patientCardNumber'
  | 'patientPhone'
  | 'patientName'
  | 'identityKeyId'
  | 'identityErasedAt'
>;

const stored = (r: StoredIdentity): Record<ReferralIdentityField, string | null> => ({
  nik: r.patientNik,
  cardNumber: r.patientCardNumber,
  phone: r.patientPhone,
  name: r.patientName || null,
});

/** Column values that seal `plain` under the active key (bound to this referral and column). */
export function sealReferralIdentity(
  cipher: IdentityCipher,
  referralId: string,
  plain: Partial<ReferralIdentity>,
): Pick<
  Referral,
  'patientNik' | 'patientCardNumber' | 'patientPhone' | 'patientName' | 'identityKeyId'
> {
  const s = sealFields(cipher, TABLE, referralId, REFERRAL_IDENTITY_FIELDS, plain);
  return {
    patientNik: s.nik,
    patientCardNumber: s.cardNumber,
    patientPhone: s.phone,
    patientName: s.name ?? '',
    identityKeyId: cipher.activeKeyId,
  };
}

/**
 * The identifiers in the clear. A row written before encryption (no key id) is still plain until
 * the start-up step seals it; an erased row has none left.
 */
export function openReferralIdentity(cipher: IdentityCipher, r: StoredIdentity): ReferralIdentity {
  if (r.identityErasedAt) return { nik: null, cardNumber: null, phone: null, name: null };
  if (r.identityKeyId === null) return stored(r);
  return openFields(cipher, TABLE, r.id, REFERRAL_IDENTITY_FIELDS, stored(r));
}

/** A copy of the referral with its identifier columns decrypted, for views and FHIR. */
export function withPlainIdentity<R extends StoredIdentity>(cipher: IdentityCipher, r: R): R {
  return withIdentity(r, openReferralIdentity(cipher, r));
}

/** A copy of the referral carrying the given (already decrypted) identifiers. */
export function withIdentity<R extends StoredIdentity>(r: R, p: ReferralIdentity): R {
  return {
    ...r,
    patientNik: p.nik,
    patientCardNumber: p.cardNumber,
    patientPhone: p.phone,
    patientName: p.name ?? '',
  };
}

/** The fields a view or answer discloses (for the audit row). */
export const disclosedFields = (p: ReferralIdentity): ReferralIdentityField[] =>
  REFERRAL_IDENTITY_FIELDS.filter((f) => p[f] !== null);
