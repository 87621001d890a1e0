import jwt from 'jsonwebtoken';

/**
 * HS256 JSON Web Tokens through jsonwebtoken, pinned to that one algorithm both ways (a token
 * naming another "alg", "none" included, never verifies). Tokens without an expiry are refused.
 */
const ALGORITHM = 'HS256' as const;

export function signJwt(payload: Record<string, unknown>, key: Buffer): string {
  return jwt.sign(payload, key, { algorithm: ALGORITHM, noTimestamp: true });
}

/** The payload of a token signed with `key` and not expired; null otherwise. */
export function verifyJwt(
  token: string,
  key: Buffer,
  nowSeconds = Math.floor(Date.now() / 1000),
): Record<string, unknown> | null {
  try {
    const payload = jwt.verify(token, key, { algorithms: [ALGORITHM], clockTimestamp: nowSeconds });
    if (typeof payload !== 'object' || typeof payload.exp !== 'number') return null;
    return payload;
  } catch {
    return null;
  }
}
