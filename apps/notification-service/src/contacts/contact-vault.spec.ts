import { randomBytes } from 'node:crypto';
import { IdentityCipher, parseIdentityKeys } from '@app/patient-data';
import { addressOf, openContactRow, redactAddress, sealContactRow } from './contact-vault';

const key = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const [n1, n2] = [key('n1'), key('n2')];
const ring = (spec: string) => new IdentityCipher(parseIdentityKeys(spec));
const plain = {
  phone: '+6281299181234',
  email: 'siti@contoh.id',
  pushSubscription: {
    endpoint: 'https://push.example/send/abc123',
    keys: { p256dh: 'p256', auth: 'auth' },
  },
};

describe('contact vault', () => {
  it('seals every address field under the active key and opens it again', () => {
    const row = { recipient: 'p_1', ...sealContactRow(ring(n1), 'p_1', plain) };
    expect(row.keyId).toBe('n1');
    const stored = JSON.stringify(row);
    for (const v of ['81299181234', 'siti@contoh.id', 'push.example'])
      expect(stored).not.toContain(v);
    for (const v of [row.phone, row.email, row.pushSubscription])
      expect(v?.startsWith('n1:')).toBe(true);
    expect(openContactRow(ring(n1), row)).toEqual(plain);
  });

  it('opens a row sealed before a rotation with the new ring, and re-seals it under the new key', () => {
    const old = { recipient: 'p_1', ...sealContactRow(ring(n1), 'p_1', plain) };
    const rotated = ring(`${n2},${n1}`);
    const fresh = {
      recipient: 'p_1',
      ...sealContactRow(rotated, 'p_1', openContactRow(rotated, old)),
    };
    expect(fresh.keyId).toBe('n2');
    expect(openContactRow(ring(n2), fresh)).toEqual(plain);
    expect(() => openContactRow(ring(n2), old)).toThrow(/unknown key "n1"/);
  });

  it('binds a value to its recipient and column: copied elsewhere it does not open', () => {
    const a = sealContactRow(ring(n1), 'p_1', plain);
    expect(() => openContactRow(ring(n1), { recipient: 'p_2', ...a })).toThrow();
    expect(() => openContactRow(ring(n1), { recipient: 'p_1', ...a, email: a.phone })).toThrow();
  });

  it('reads a plain row from before the migration (no key id) as it is', () => {
    const row = {
      recipient: 'p_1',
      keyId: null,
      phone: plain.phone,
      email: null,
      pushSubscription: JSON.stringify(plain.pushSubscription),
    };
    expect(openContactRow(ring(n1), row)).toEqual({ ...plain, email: null });
  });

  it('keeps missing fields null, and an unknown recipient has no address', () => {
    const row = sealContactRow(ring(n1), 'p_1', {
      phone: null,
      email: 'a@b.id',
      pushSubscription: null,
    });
    expect(row.phone).toBeNull();
    expect(row.pushSubscription).toBeNull();
    expect(addressOf(ring(n1), 'p_9', null)).toEqual({
      recipient: 'p_9',
      phone: null,
      email: null,
      pushSubscription: null,
    });
  });

  it('takes the address out of a provider error, in every form a provider may quote it', () => {
    const address = { recipient: 'p_1', ...plain };
    const text = redactAddress(
      'smtp: 550 5.1.1 <siti@contoh.id>: Recipient address rejected; to 6281299181234 / 081299181234 / +6281299181234 at https://push.example/send/abc123, cc other.person@mail.example.org',
      address,
    );
    expect(text).toBe(
      'smtp: 550 5.1.1 <[email]>: Recipient address rejected; to [phone] / [phone] / [phone] at [push-endpoint], cc [email]',
    );
  });
});
