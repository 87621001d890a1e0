import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Compact HS256 JSON Web Tokens (RFC 7519) with node:crypto. jose 6 is ES-modules only, which the
 * CommonJS build loads but Jest (on Node 20) cannot; HS256 with a fixed algorithm is small enough
 * to keep here: the header is ours, never trusted from the token ("alg" confusion is impossible).
 */
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();

export function signJwt(payload: Record<string, unknown>, key: Buffer): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${HEADER}.${body}.${mac(key, `${HEADER}.${body}`).toString('base64url')}`;
}

/** The payload of a token signed with `key` and not expired; null otherwise. */
export function verifyJwt(
  token: string,
  key: Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const given = Buffer.from(parts[2], 'base64url');
  const want = mac(key, `${parts[0]}.${parts[1]}`);
  if (given.length !== want.length || !timingSafeEqual(given, want)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return null;
  const exp = (payload as { exp?: unknown }).exp;
  if (typeof exp !== 'number' || exp <= nowSeconds) return null;
  return payload as Record<string, unknown>;
}
