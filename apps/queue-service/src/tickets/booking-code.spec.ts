import { displayNumberOf, newBookingCode } from './booking-code';
import { daysBetween, todayIn } from './service-date';
import { patientRefOf } from './patient-ref';

describe('ticket identifiers', () => {
  it('makes booking codes from the date and unambiguous characters', () => {
    const codes = new Set(Array.from({ length: 2000 }, () => newBookingCode('2026-11-24')));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(code).toMatch(/^261124[2-9A-HJKMNP-Z]{6}$/);
  });

  it('shows numbers with the poli prefix and three digits', () => {
    expect(displayNumberOf('ANA', 7)).toBe('ANA-007');
    expect(displayNumberOf('A', 1234)).toBe('A-1234');
  });

  it('keeps the same patient reference for the same identifier, and never the identifier itself', () => {
    const nik = '3329010101900001';
    const a = patientRefOf({ kind: 'nik', value: nik }, 'secret-secret-secret');
    expect(a).toBe(patientRefOf({ kind: 'nik', value: nik }, 'secret-secret-secret'));
    expect(a).not.toContain(nik);
    expect(a).not.toBe(patientRefOf({ kind: 'card', value: nik }, 'secret-secret-secret'));
  });

  it("computes today in the facility's time zone", () => {
    const lateEveningUtc = new Date('2026-11-23T20:00:00Z'); // 03:00 on the 24th in WIB
    expect(todayIn('Asia/Jakarta', lateEveningUtc)).toBe('2026-11-24');
    expect(daysBetween('2026-11-24', '2026-12-01')).toBe(7);
    expect(daysBetween('2026-11-24', '2026-11-23')).toBe(-1);
  });
});
