import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** One AES-256 key with the id written in front of every value it encrypts. */
export interface IdentityKey {
  id: string;
  key: Buffer;
}

/** The key ring: `active` encrypts every new value; every key (active included) still decrypts. */
export interface IdentityKeyRing {
  active: IdentityKey;
  byId: ReadonlyMap<string, IdentityKey>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Parses `IDENTITY_ENCRYPTION_KEYS`: `k2:<base64 of 32 bytes>,k1:<base64>`. The first key is the
 * active one; the others are kept to decrypt values written before a rotation. Throws a message
 * that names the problem, never the key material.
 */
export function parseIdentityKeys(spec: string): IdentityKeyRing {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('no key given (format: k2:<base64 32 bytes>,k1:…)');
  const byId = new Map<string, IdentityKey>();
  for (const [i, entry] of entries.entries()) {
    const sep = entry.indexOf(':');
    const id = sep > 0 ? entry.slice(0, sep) : '';
    if (!KEY_ID.test(id)) throw new Error(`key ${i + 1}: id must be 1-32 of A-Z a-z 0-9 _ -`);
    const material = entry.slice(sep + 1);
    const key = Buffer.from(material, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(material) || key.length !== 32)
      throw new Error(`key "${id}": must be base64 of exactly 32 random bytes`);
    if (byId.has(id)) throw new Error(`key "${id}" is listed twice`);
    byId.set(id, { id, key });
  }
  return { active: byId.get(entries[0].slice(0, entries[0].indexOf(':')))!, byId };
}

/**
 * AES-256-GCM for one identity value: a fresh random IV per value, the key id in clear in front
 * (`<keyId>:<base64url(iv ‖ ciphertext ‖ tag)>`), and `context` (ticket id and column) bound as
 * additional authenticated data, so a value copied into another row or column fails to decrypt.
 */
export class IdentityCipher {
  constructor(private readonly ring: IdentityKeyRing) {}

  get activeKeyId(): string {
    return this.ring.active.id;
  }

  encrypt(plain: string, context: string): string {
    const { id, key } = this.ring.active;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `${id}:${Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url')}`;
  }

  decrypt(sealed: string, context: string): string {
    const sep = sealed.indexOf(':');
    const id = sealed.slice(0, sep);
    const key = sep > 0 ? this.ring.byId.get(id) : undefined;
    if (!key) throw new Error(`identity value under unknown key "${sep > 0 ? id : '?'}"`);
    const raw = Buffer.from(sealed.slice(sep + 1), 'base64url');
    if (raw.length < IV_BYTES + TAG_BYTES) throw new Error('identity value is truncated');
    const decipher = createDecipheriv('aes-256-gcm', key.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([
      decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }

  /** The key id a stored value is under (its clear prefix). */
  static keyIdOf(sealed: string): string {
    return sealed.slice(0, Math.max(0, sealed.indexOf(':')));
  }
}

/**
 * The key ring that seals a patient's contact inside events (`CONTACT_ENCRYPTION_KEYS`): shared by
 * the producers and notification-service only, and kept apart from each service's at-rest keys.
 */
export class ContactCipher extends IdentityCipher {}
