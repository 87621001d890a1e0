import { createHmac, timingSafeEqual } from 'node:crypto';

/** The four headers every Antrol call carries. */
export interface AntrolHeaders {
  'X-cons-id': string;
  'X-timestamp': string;
  'X-signature': string;
  user_key: string;
}

export interface BpjsCredentials {
  consId: string;
  secret: string;
  userKey: string;
}

/** Unix seconds (UTC), as BPJS wants X-timestamp. */
export const bpjsTimestamp = (now: number = Date.now()): string => String(Math.floor(now / 1000));

/** X-signature = Base64(HMAC-SHA256(`consId&timestamp`, secret)). */
export function sign(consId: string, secret: string, timestamp: string): string {
  return createHmac('sha256', secret).update(`${consId}&${timestamp}`).digest('base64');
}

/** Headers for one call; the same timestamp is the key of the response decryption. */
export function signedHeaders(c: BpjsCredentials, timestamp: string): AntrolHeaders {
  return {
    'X-cons-id': c.consId,
    'X-timestamp': timestamp,
    'X-signature': sign(c.consId, c.secret, timestamp),
    user_key: c.userKey,
  };
}

/** Constant-time comparison of a received signature with the expected one. */
export function verifySignature(
  consId: string,
  secret: string,
  timestamp: string,
  signature: string,
): boolean {
  const expected = Buffer.from(sign(consId, secret, timestamp));
  const got = Buffer.from(signature);
  return expected.length === got.length && timingSafeEqual(expected, got);
}
