import { z } from 'zod';
import { parseIdentityKeys, type IdentityKeyRing } from './identity-cipher';

/**
 * A key ring variable (`IDENTITY_ENCRYPTION_KEYS`, `CONTACT_ENCRYPTION_KEYS`), parsed at start-up:
 * the service refuses bad keys with a message that never shows key material.
 */
export const encryptionKeyRing = z
  .string({ error: 'required: k2:<base64 of 32 bytes>,k1:<base64>… (the first is active)' })
  .transform((spec, ctx): IdentityKeyRing => {
    try {
      return parseIdentityKeys(spec);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

/** `IDENTITY_ENCRYPTION_KEYS`: the at-rest key ring of a service's patient identifiers. */
export const identityEncryptionKeys = encryptionKeyRing;
