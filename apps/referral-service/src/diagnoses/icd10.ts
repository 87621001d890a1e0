import { DomainError } from '@app/http';
import { ReferralErrorCode } from '../errors';
import { ICD10_CODES } from './icd10-codes';

/** ICD-10 as written on referrals: a letter, two digits, optionally a dot and 1–2 more. */
export const ICD10_FORMAT = /^[A-Z]\d{2}(\.\d{1,2})?$/;

export interface Diagnosis {
  code: string;
  name: string;
}

export function categoryOf(code: string): string {
  return code.slice(0, 3);
}

/** The code's entry (or its category's), or REFERRAL.UNKNOWN_DIAGNOSIS. */
export function lookupIcd10(raw: string): Diagnosis {
  const code = raw.trim().toUpperCase();
  if (!ICD10_FORMAT.test(code)) {
    throw new DomainError(
      ReferralErrorCode.UnknownDiagnosis,
      `Kode diagnosis "${raw}" bukan format ICD-10 (contoh: J45 atau E11.9).`,
      { code: raw },
    );
  }
  const name = ICD10_CODES[code] ?? ICD10_CODES[categoryOf(code)];
  if (!name) {
    throw new DomainError(
      ReferralErrorCode.UnknownDiagnosis,
      `Kode diagnosis ${code} tidak ada dalam daftar ICD-10 layanan ini.`,
      { code },
    );
  }
  return { code, name };
}

/** Whether a code falls under a non-specialist list entry (a category covers its sub-codes). */
export function matchesEntry(code: string, entry: string): boolean {
  return code === entry || (entry.length === 3 && categoryOf(code) === entry);
}
