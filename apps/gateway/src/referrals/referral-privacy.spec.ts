import { maskIdentifier, maskReferralList } from './referral-privacy';

describe('referral lists without full identifiers', () => {
  it('keeps only the last digits of a NIK, card number and phone', () => {
    expect(maskIdentifier('3329010101900001')).toBe('••••••••••••0001');
    expect(maskIdentifier('0001234567890')).toBe('•••••••••7890');
    expect(maskIdentifier('081234567890')).toBe('••••••••7890');
    expect(maskIdentifier('12')).toBe('••');
    expect(maskIdentifier(null)).toBeNull();
    expect(maskIdentifier(undefined)).toBeUndefined();
  });

  it('masks each referral of a list and leaves everything else as it was', () => {
    const list = [
      {
        id: 'r1',
        status: 'sent',
        patient: {
          ref: 'p_abc',
          name: 'Siti',
          nik: '3329010101900001',
          cardNumber: null,
          phone: '081234567890',
        },
      },
    ];
    expect(maskReferralList(list)).toEqual([
      {
        id: 'r1',
        status: 'sent',
        patient: {
          ref: 'p_abc',
          name: 'Siti',
          nik: '••••••••••••0001',
          cardNumber: null,
          phone: '••••••••7890',
        },
      },
    ]);
    expect(list[0].patient.nik).toBe('3329010101900001');
    expect(maskReferralList({ error: 'x' })).toEqual({ error: 'x' });
  });
});
