import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from './domain-error';

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

/**
 * Guards a service-to-service endpoint: throws a DomainError with the service's stable code
 * (mapped to 401 by its status table) unless `Authorization: Bearer <token>` is right.
 */
export function requireBearerToken(header: string | undefined, token: string, code: string): void {
  if (!isBearerToken(header, token)) {
    throw new DomainError(
      code,
      'Endpoint internal: kirim Authorization: Bearer <INTERNAL_API_TOKEN> yang benar.',
    );
  }
}

/** Who calls an internal endpoint (`X-Caller`) or why (`?purpose=`): kept in audit tables. */
export const internalCallLabel = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._:@-]{1,99}$/, 'huruf kecil, angka, . _ : @ - (2-100 karakter)');
