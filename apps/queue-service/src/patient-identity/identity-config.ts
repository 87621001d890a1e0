import { z } from 'zod';
import { parseIdentityKeys, type IdentityKeyRing } from './identity-cipher';

/** `IDENTITY_ENCRYPTION_KEYS`, parsed into a key ring at start-up (the service refuses bad keys). */
export const identityEncryptionKeys = z
  .string({ error: 'required: k2:<base64 of 32 bytes>,k1:<base64>… (the first is active)' })
  .transform((spec, ctx): IdentityKeyRing => {
    try {
      return parseIdentityKeys(spec);
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

/** Shared with the other services (libs/config). */
export { internalApiToken } from '@app/config';
