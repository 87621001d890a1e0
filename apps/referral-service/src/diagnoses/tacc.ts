import { DomainError } from '@app/http';
import { ReferralErrorCode } from '../errors';
import { ICD10_FORMAT } from './icd10';

/**
 * TACC (Time, Age, Complication, Comorbidity): the only accepted reasons to refer a diagnosis the
 * FKTP should treat itself. Codes and reason texts as BPJS's P-Care takes them (kdTacc, alasanTacc).
 */
export const TACC_CODES = { none: -1, time: 1, age: 2, complication: 3, comorbidity: 4 } as const;

const TIME_BRACKETS = ['< 3 Hari', '>= 3 - 7 Hari', '>= 7 Hari'];
const AGE_BRACKETS = [
  '< 1 Bulan',
  '>= 1 Bulan - < 12 Bulan',
  '>= 1 Tahun - < 5 Tahun',
  '>= 5 Tahun - < 12 Tahun',
  '>= 12 Tahun - < 55 Tahun',
  '>= 55 Tahun',
];

export const TACC_REASONS: Record<1 | 2 | 4, readonly string[]> = {
  1: TIME_BRACKETS,
  2: AGE_BRACKETS,
  4: TIME_BRACKETS,
};

export interface Tacc {
  code: number;
  reason: string;
}

/** Checks a TACC justification: a known code with one of its reasons, or "<ICD> - <name>" for 3. */
export function validateTacc(tacc: Tacc): Tacc {
  const invalid = (why: string) =>
    new DomainError(ReferralErrorCode.TaccInvalid, `TACC tidak valid: ${why}`, {
      tacc,
      reasons: TACC_REASONS,
    });
  switch (tacc.code) {
    case 1:
    case 2:
    case 4:
      if (!TACC_REASONS[tacc.code].includes(tacc.reason)) {
        throw invalid(`alasan untuk kode ${tacc.code} harus salah satu dari daftar.`);
      }
      return tacc;
    case 3: {
      const [icd, ...rest] = tacc.reason.split(' - ');
      if (!icd || !ICD10_FORMAT.test(icd) || rest.join(' - ').trim().length < 3) {
        throw invalid(
          'komplikasi ditulis "<kode ICD-10> - <nama>", mis. "E11.5 - Ulkus diabetik".',
        );
      }
      return tacc;
    }
    default:
      throw invalid('kode TACC harus 1 (Time), 2 (Age), 3 (Complication) atau 4 (Comorbidity).');
  }
}
