import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Webhook signing, as hospitals verify it. Header:
 *   X-Antrean-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, `${t}.${rawBody}`)>
 * The receiver recomputes v1 over the raw body it got and refuses a timestamp further than the
 * replay window (default 300 s) from its own clock, so a captured request cannot be replayed later.
 * Within the window, the `Idempotency-Key` header (the delivery id) lets it drop a repeat.
 */
export const SIGNATURE_HEADER = 'x-antrean-signature';
export const DELIVERY_ID_HEADER = 'idempotency-key';
export const EVENT_TYPE_HEADER = 'x-antrean-event-type';
export const DEFAULT_REPLAY_WINDOW_SECONDS = 300;

export function signWebhook(secret: string, body: string, at: Date = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmacHex(secret, `${t}.${body}`)}`;
}

export type VerifyResult =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function verifyWebhookSignature(input: {
  secret: string;
  body: string;
  header: string | undefined;
  now?: Date;
  toleranceSeconds?: number;
}): VerifyResult {
  if (!input.header) return { ok: false, reason: 'missing' };
  const parts = new Map(
    input.header.split(',').map((p) => {
      const i = p.indexOf('=');
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()] as const;
    }),
  );
  const t = Number(parts.get('t'));
  const v1 = parts.get('v1');
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, reason: 'malformed' };
  }
  const nowSeconds = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const tolerance = input.toleranceSeconds ?? DEFAULT_REPLAY_WINDOW_SECONDS;
  if (Math.abs(nowSeconds - t) > tolerance) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(hmacHex(input.secret, `${t}.${input.body}`), 'hex');
  const given = Buffer.from(v1, 'hex');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true, timestamp: t };
}

function hmacHex(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('hex');
}
