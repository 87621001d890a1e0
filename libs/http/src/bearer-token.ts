import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/**
 * True when `header` is exactly `Bearer <token>`. Compared in constant time (both sides hashed
 * first, so neither the content nor the length of the token leaks through timing).
 */
export function isBearerToken(header: string | undefined, token: string): boolean {
  const given = /^Bearer (\S+)$/.exec(header ?? '')?.[1] ?? '';
  const same = timingSafeEqual(digest(given), digest(token));
  return same && given.length > 0;
}

/** Who calls an internal endpoint (`X-Caller`) or why (`?purpose=`): kept in audit tables. */
export const internalCallLabel = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:@-]{1,99}$/, 'huruf kecil, angka, . _ : @ - (2-100 karakter)');
