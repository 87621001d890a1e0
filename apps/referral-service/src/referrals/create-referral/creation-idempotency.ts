import { createHash } from 'node:crypto';
import { DomainError } from '@app/http';
import { ReferralErrorCode } from '../../errors';
import type { CreateReferralRequest } from './create-referral.request';

/** Same shape as queue-service's booking key, so a client uses one generator for both. */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/**
 * The key as stored: scoped by the referring FKTP, so two FKTPs that happen to pick the same key
 * never see each other's referral. `null` when the client sent none.
 */
export function scopedIdempotencyKey(
  originFacilityCode: string,
  key: string | undefined,
): string | null {
  if (key === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new DomainError(
      ReferralErrorCode.IdempotencyKeyInvalid,
      'Header Idempotency-Key harus 8–100 karakter: huruf, angka, titik, titik dua, garis bawah atau strip.',
    );
  }
  return `${originFacilityCode}:${key}`;
}

/**
 * sha256 of the validated request (defaults applied, keys sorted): the same referral sent again
 * in another key order or without its defaulted fields hashes the same.
 */
export function creationRequestHash(req: CreateReferralRequest): string {
  return createHash('sha256').update(canonicalJson(req)).digest('hex');
}

/** What a request with an already used key gets: the same referral, or a refusal. */
export function checkReplay(earlier: { requestHash: string | null }, requestHash: string): void {
  if (earlier.requestHash !== requestHash) {
    throw new DomainError(
      ReferralErrorCode.IdempotencyKeyReused,
      'Idempotency-Key ini sudah dipakai untuk rujukan lain. Gunakan kunci baru untuk rujukan baru.',
    );
  }
}

/** A Postgres unique violation (23505) as the Prisma client reports it (P2002). */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; meta?: unknown } | null;
  if (err?.code === 'P2002' || err?.code === '23505') return true;
  const text = `${typeof err?.message === 'string' ? err.message : ''} ${JSON.stringify(err?.meta ?? {})}`;
  return /23505|unique constraint/i.test(text);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
