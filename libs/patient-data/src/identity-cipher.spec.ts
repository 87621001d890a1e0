import { randomBytes } from 'node:crypto';
import { IdentityCipher, parseIdentityKeys } from './identity-cipher';
import { openContact, sealContact } from './sealed-contact';
import { openFields, sealFields } from './sealed-fields';

const k = () => randomBytes(32).toString('base64');

describe('patient identity encryption (AES-256-GCM, key ring)', () => {
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

  it('prefixes the key id, uses a fresh IV per value and round-trips', () => {
    const a = old.encrypt(ids.nik, 'ctx');
    const b = old.encrypt(ids.nik, 'ctx');
    expect(a.startsWith('k1:')).toBe(true);
    expect(a).not.toBe(b);
    expect(a).not.toContain(ids.nik);
    expect(old.decrypt(a, 'ctx')).toBe(ids.nik);
    expect(IdentityCipher.keyIdOf(a)).toBe('k1');
  });

  it('refuses a value moved to another row or column, tampered with, or under an unknown key', () => {
    const sealed = old.encrypt(ids.nik, 'patient_identity:t1:nik');
    expect(() => old.decrypt(sealed, 'patient_identity:t2:nik')).toThrow();
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 20] ^= 1;
    expect(() =>
      old.decrypt(`k1:${raw.toString('base64url')}`, 'patient_identity:t1:nik'),
    ).toThrow();
    expect(() => new IdentityCipher(parseIdentityKeys(`k2:${k2}`)).decrypt(sealed, 'x')).toThrow(
      /unknown key "k1"/,
    );
  });

  it('seals the fields of one row, bound to table, row and column', () => {
    const fields = ['nik', 'phone', 'name'] as const;
    const sealed = sealFields(old, 'referral', 'r1', fields, { nik: ids.nik, name: 'Siti' });
    expect(sealed.phone).toBeNull();
    expect(sealed.nik).not.toContain(ids.nik);
    expect(openFields(rotated, 'referral', 'r1', fields, sealed)).toEqual({
      nik: ids.nik,
      phone: null,
      name: 'Siti',
    });
    expect(() => openFields(old, 'referral', 'r2', fields, sealed)).toThrow();
  });

  it('seals an event contact for its patient only', () => {
    expect(sealContact(old, 'p_abcdefgh', {})).toBeUndefined();
    const sealed = sealContact(old, 'p_abcdefgh', { phone: ids.phone })!;
    expect(sealed).not.toContain(ids.phone);
    expect(openContact(rotated, 'p_abcdefgh', sealed)).toEqual({ phone: ids.phone });
    expect(() => openContact(old, 'p_otherref', sealed)).toThrow();
  });

  it('parses the key list strictly, naming the problem but never the key', () => {
    expect(parseIdentityKeys(`k2:${k2},k1:${k1}`).active.id).toBe('k2');
    expect(() => parseIdentityKeys('')).toThrow(/no key/);
    expect(() => parseIdentityKeys(`${k2}`)).toThrow(/id must be/);
    expect(() => parseIdentityKeys(`k1:${randomBytes(16).toString('base64')}`)).toThrow(/32/);
    expect(() => parseIdentityKeys(`k1:${k1},k1:${k2}`)).toThrow(/twice/);
    try {
      parseIdentityKeys(`k1:${k1.slice(0, 20)}`);
    } catch (e) {
      expect((e as Error).message).not.toContain(k1.slice(0, 20));
    }
  });
});
