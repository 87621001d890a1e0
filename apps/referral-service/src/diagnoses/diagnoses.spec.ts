import { DomainError } from '@app/http';
import { lookupIcd10, matchesEntry } from './icd10';
import { ICD10_CODES } from './icd10-codes';
import { NON_SPECIALIST_SEED } from './non-specialist-seed';
import { validateTacc } from './tacc';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('ICD-10', () => {
  it('checks the format, then the list; a listed category covers its sub-codes', () => {
    expect(lookupIcd10('e11.5')).toEqual({
      code: 'E11.5',
      name: 'Diabetes melitus tipe 2 dengan komplikasi sirkulasi perifer',
    });
    expect(lookupIcd10('J45.0').name).toBe('Asma bronkial');
    expect(codeOf(() => lookupIcd10('diabetes'))).toBe('REFERRAL.UNKNOWN_DIAGNOSIS');
    expect(codeOf(() => lookupIcd10('Q99.9'))).toBe('REFERRAL.UNKNOWN_DIAGNOSIS');
  });

  it('every seeded non-specialist diagnosis is a known ICD-10 code', () => {
    for (const [code] of NON_SPECIALIST_SEED) expect(ICD10_CODES[code]).toBeDefined();
    expect(NON_SPECIALIST_SEED.length).toBeGreaterThanOrEqual(80);
  });

  it('matches list entries: a category covers sub-codes, a sub-code only itself', () => {
    expect(matchesEntry('A09.0', 'A09')).toBe(true);
    expect(matchesEntry('E11.9', 'E11.9')).toBe(true);
    expect(matchesEntry('E11.5', 'E11.9')).toBe(false);
  });
});

describe('TACC', () => {
  it('accepts the BPJS codes with their reasons', () => {
    expect(validateTacc({ code: 1, reason: '>= 7 Hari' })).toBeTruthy();
    expect(validateTacc({ code: 2, reason: '>= 55 Tahun' })).toBeTruthy();
    expect(validateTacc({ code: 3, reason: 'E11.5 - Ulkus diabetik' })).toBeTruthy();
    expect(validateTacc({ code: 4, reason: '< 3 Hari' })).toBeTruthy();
  });

  it.each([
    { code: 1, reason: 'lama' },
    { code: 3, reason: 'komplikasi' },
    { code: 7, reason: '>= 7 Hari' },
  ])('refuses %p', (tacc) => {
    expect(codeOf(() => validateTacc(tacc))).toBe('REFERRAL.TACC_INVALID');
  });
});
