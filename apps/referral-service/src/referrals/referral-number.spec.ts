import { REFERRAL_NUMBER } from '@app/contracts';
import { formatReferralNumber, REFERRAL_NUMBER_PATTERN } from './referral-number';
import { addDays, isoDayOfWeek } from './referral-dates';

describe('referral number', () => {
  it('is the national 19-character format: facility + MMYY + letter + serial', () => {
    const n = formatReferralNumber('13280101', '2022-10-05', 'P', 2);
    expect(n).toBe('132801011022P000002');
    expect(n).toHaveLength(19);
    expect(REFERRAL_NUMBER_PATTERN.test(n)).toBe(true);
    expect(REFERRAL_NUMBER.safeParse(n).success).toBe(true);
  });

  it('refuses serials that do not fit six digits', () => {
    expect(() => formatReferralNumber('13280101', '2022-10-05', 'P', 1_000_000)).toThrow();
  });
});

describe('dates', () => {
  it('90 days of validity cross month and year ends', () => {
    expect(addDays('2026-11-23', 90)).toBe('2027-02-21');
  });
  it('counts weekdays as BPJS does (1 Senin … 7 Minggu)', () => {
    expect(isoDayOfWeek('2026-11-23')).toBe(1);
    expect(isoDayOfWeek('2026-11-29')).toBe(7);
  });
});
