import { randomBytes } from 'node:crypto';
import { IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import { openIdentity, resealIdentity, sealIdentity } from './patient-identity';

const k = () => randomBytes(32).toString('base64');

describe('patient identity row of a ticket', () => {
  const k1 = k();
  const k2 = k();
  const old = new IdentityCipher(parseIdentityKeys(`k1:${k1}`));
  const rotated = new IdentityCipher(parseIdentityKeys(`k2:${k2},k1:${k1}`));
  const ids = {
    nik: '3329010101900001',
    cardNumber: '0001234567890',
    phone: '081234567890',
    norm: '00000042',
  };

  it('reseals a row under the active key; the old key is then no longer needed', () => {
    const row = sealIdentity(old, 'ticket-1', ids)!;
    expect(row.keyId).toBe('k1');
    const fresh = resealIdentity(rotated, row);
    expect(fresh.keyId).toBe('k2');
    for (const v of [fresh.nik, fresh.cardNumber, fresh.phone, fresh.norm])
      expect(v?.startsWith('k2:')).toBe(true);
    const onlyNew = new IdentityCipher(parseIdentityKeys(`k2:${k2}`));
    expect(openIdentity(onlyNew, fresh)).toEqual(ids);
    expect(() => openIdentity(onlyNew, row)).toThrow();
  });

  it('writes no row when nothing was given, and keeps missing values missing', () => {
    expect(sealIdentity(old, 't', {})).toBeNull();
    const row = sealIdentity(old, 't', { nik: ids.nik })!;
    expect(row.cardNumber).toBeNull();
    expect(openIdentity(old, row)).toEqual({
      nik: ids.nik,
      cardNumber: null,
      phone: null,
      norm: null,
    });
  });
});
