import type { RawSql } from '@app/database';

/** P: from an FKTP, B: from a hospital (e.g. rujuk balik), K: a control letter. */
export type ReferralLetter = 'P' | 'B' | 'K';

export const REFERRAL_NUMBER_PATTERN = /^[0-9A-Z]{8}(0[1-9]|1[0-2])\d{2}[PBK]\d{6}$/;

/**
 * The national 19-character number: facility code (8) + MMYY of the referral date + letter +
 * a 6-digit serial that restarts every month per facility, e.g. 132801011022P000002.
 */
export function formatReferralNumber(
  facilityCode: string,
  referralDate: string,
  letter: ReferralLetter,
  serial: number,
): string {
  if (serial < 1 || serial > 999_999) throw new Error(`serial ${serial} out of range`);
  return `${numberPrefix(facilityCode, referralDate, letter)}${String(serial).padStart(6, '0')}`;
}

export function numberPrefix(
  facilityCode: string,
  referralDate: string,
  letter: ReferralLetter,
): string {
  const [year = '', month = ''] = referralDate.split('-');
  return `${facilityCode}${month}${year.slice(2)}${letter}`;
}

/** Takes the next serial for the prefix, atomically, inside the caller's transaction. */
export async function allocateReferralNumber(
  tx: RawSql,
  facilityCode: string,
  referralDate: string,
  letter: ReferralLetter,
): Promise<string> {
  const prefix = numberPrefix(facilityCode, referralDate, letter);
  const [row] = await tx.$queryRawUnsafe<Array<{ last: number }>>(
    `INSERT INTO referral_serial (prefix, last) VALUES ($1, 1)
     ON CONFLICT (prefix) DO UPDATE SET last = referral_serial.last + 1
     RETURNING last`,
    prefix,
  );
  if (!row) throw new Error('referral serial allocation returned no row');
  return formatReferralNumber(facilityCode, referralDate, letter, row.last);
}
