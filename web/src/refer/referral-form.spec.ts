import {
  formProblems,
  identifierKind,
  referralRequest,
  taccReasons,
  taccReasonValid,
  type ReferralForm,
} from './referral-form';

const form: ReferralForm = {
  doctor: 'dr. Andi Pratama',
  patientName: 'Siti Aminah',
  identifier: '3329 0101 0190 0001',
  phone: '081234567890',
  diagnosisCode: 'J06.9',
  poliCode: 'INT',
  subspecialty: '',
  plannedVisitDate: '2026-12-09',
  destination: '9913R001',
  notes: '',
  tacc: null,
};

describe('the referral form', () => {
  it('tells a NIK from a JKN card number', () => {
    expect(identifierKind('3329010101900001')).toBe('nik');
    expect(identifierKind('0001234567890')).toBe('cardNumber');
    expect(identifierKind('12345')).toBeNull();
  });

  it('lists what is missing, TACC only for the FKTP’s own diagnoses', () => {
    expect(formProblems(form, false, '2026-12-07')).toEqual([]);
    expect(formProblems(form, true, '2026-12-07')).toEqual(['tacc']);
    expect(
      formProblems(
        {
          ...form,
          identifier: '123',
          phone: '12',
          destination: '',
          plannedVisitDate: '2026-12-01',
        },
        false,
        '2026-12-07',
      ),
    ).toEqual(['identifier', 'phone', 'date', 'destination']);
    expect(
      formProblems({ ...form, tacc: { code: 2, reason: '>= 55 Tahun' } }, true, '2026-12-07'),
    ).toEqual([]);
  });

  it('accepts TACC reasons as referral-service does', () => {
    expect(taccReasons(1)).toContain('>= 7 Hari');
    expect(taccReasonValid(2, '>= 55 Tahun')).toBe(true);
    expect(taccReasonValid(2, '>= 7 Hari')).toBe(false);
    expect(taccReasonValid(3, 'E11.5 - Ulkus diabetik')).toBe(true);
    expect(taccReasonValid(3, 'ulkus')).toBe(false);
  });

  it('builds the request body: the identifier in its field, TACC only when asked', () => {
    const withTacc = { ...form, tacc: { code: 1 as const, reason: '>= 7 Hari' } };
    expect(referralRequest('9913P001', withTacc, true)).toEqual({
      originFacilityCode: '9913P001',
      referringDoctor: 'dr. Andi Pratama',
      patient: { name: 'Siti Aminah', nik: '3329010101900001', phone: '081234567890' },
      diagnosisCode: 'J06.9',
      destination: { facilityCode: '9913R001', poliCode: 'INT' },
      plannedVisitDate: '2026-12-09',
      tacc: { code: 1, reason: '>= 7 Hari' },
    });
    expect(referralRequest('9913P001', withTacc, false)).not.toHaveProperty('tacc');
  });
});
