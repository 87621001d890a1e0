import { randomBytes } from 'node:crypto';
import { IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import { identityReaderOf } from './identity-audit';
import {
  disclosedFields,
  openReferralIdentity,
  sealReferralIdentity,
  type StoredIdentity,
} from './referral-identity';

const cipher = new IdentityCipher(parseIdentityKeys(`r1:${randomBytes(32).toString('base64')}`));
const plain = { nik: '3329010101900001', cardNumber: null, phone: '081234567890', name: 'Siti' };
const row = (id: string, over: Partial<StoredIdentity> = {}): StoredIdentity => ({
  id,
  identityErasedAt: null,
  ...sealReferralIdentity(cipher, id, plain),
  ...over,
});

describe('a referral patient identity at rest', () => {
  it('seals every given field, bound to the referral, and opens it again', () => {
    const r = row('r-1');
    expect(r.identityKeyId).toBe('r1');
    expect(r.patientCardNumber).toBeNull();
    expect(JSON.stringify(r)).not.toMatch(/3329010101900001|081234567890|Siti/);
    expect(openReferralIdentity(cipher, r)).toEqual(plain);
    expect(disclosedFields(plain)).toEqual(['nik', 'phone', 'name']);
    expect(() => openReferralIdentity(cipher, { ...r, id: 'r-2' })).toThrow();
  });

  it('reads rows from before encryption as plain, and erased rows as empty', () => {
    const legacy = row('r-3', {
      identityKeyId: null,
      patientNik: plain.nik,
      patientPhone: null,
      patientName: 'Budi',
    });
    expect(openReferralIdentity(cipher, legacy)).toMatchObject({ nik: plain.nik, name: 'Budi' });
    const erased = row('r-4', { identityErasedAt: new Date() });
    expect(openReferralIdentity(cipher, erased)).toEqual({
      nik: null,
      cardNumber: null,
      phone: null,
      name: null,
    });
  });
});

describe('who reads patient identifiers', () => {
  it('is the person the gateway names, else the calling service', () => {
    expect(identityReaderOf('staff:42', 'gateway')).toEqual({
      accessor: 'staff:42',
      caller: 'gateway',
    });
    expect(identityReaderOf(undefined, 'queue-service')).toEqual({
      accessor: 'queue-service',
      caller: null,
    });
    expect(identityReaderOf()).toEqual({ accessor: 'unknown', caller: null });
    expect(() => identityReaderOf('bad actor!', 'gateway')).toThrow();
  });
});
