import type { AntreanAddRequest } from '@app/bpjs';

/** A booking's identifiers as queue-service gives them (null = not given at booking). */
export interface BookingIdentity {
  nik: string | null;
  nomorkartu: string | null;
  nohp: string | null;
  norm: string | null;
}

/** What asking queue-service came to. */
export type IdentityLookup =
  | { kind: 'found'; identity: BookingIdentity }
  /** The ticket holds no identifiers (e.g. booked from a referral): BPJS judges the empty fields. */
  | { kind: 'none' }
  /** queue-service down, slow or refusing us: the call waits and is tried again. */
  | { kind: 'unavailable'; error: string };

/** BPJS wants Indonesian mobile numbers written from the leading 0 (08…). */
export function bpjsPhone(phone: string): string {
  return phone.replace(/^\+?62(?=8)/, '0');
}

/**
 * antrean/add with the patient's identifiers, by BPJS's rules: a JKN patient's card number
 * (13 digits); for NON JKN nomorkartu is sent empty; nik, nohp and norm always present, empty when
 * the facility does not know them.
 */
export function withIdentity(
  body: AntreanAddRequest,
  identity: BookingIdentity | null,
): AntreanAddRequest {
  return {
    ...body,
    nomorkartu: body.jenispasien === 'JKN' ? (identity?.nomorkartu ?? '') : '',
    nik: identity?.nik ?? '',
    nohp: identity?.nohp ? bpjsPhone(identity.nohp) : '',
    norm: identity?.norm ?? '',
  };
}
