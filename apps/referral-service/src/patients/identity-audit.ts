import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import type { ReferralTx } from '../database/referral-db';
import type { ReferralIdentityField } from './referral-identity';

/**
 * The person behind a request, as the gateway forwards it after authentication (its account id,
 * e.g. `staff:1f0c…` or a UUID). Services calling directly send `X-Caller` (their name) instead.
 */
export const ACTOR_HEADER = 'x-actor';
export const CALLER_HEADER = 'x-caller';

const label = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]{1,99}$/, 'huruf, angka, . _ : @ - (2-100 karakter)');
const readerHeaders = z.object({ actor: label.optional(), caller: label.optional() });

/** Who reads or changes patient identifiers: kept in `identity_access` with every access. */
export interface IdentityReader {
  /** The person (X-Actor) or, without one, the calling service (X-Caller); `unknown` if neither. */
  accessor: string;
  /** The calling service, when a person was named too. */
  caller: string | null;
}

export function identityReaderOf(actor?: string, caller?: string): IdentityReader {
  const h = new ZodPipe(readerHeaders).transform({ actor, caller });
  if (h.actor) return { accessor: h.actor, caller: h.caller ?? null };
  return { accessor: h.caller ?? 'unknown', caller: null };
}

/** `@Reader()`: the request's X-Actor / X-Caller, validated (a malformed one is a 400). */
export const Reader = createParamDecorator((_: unknown, ctx: ExecutionContext): IdentityReader => {
  const headers = ctx.switchToHttp().getRequest<{ headers: Record<string, unknown> }>().headers;
  const one = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  return identityReaderOf(one(headers[ACTOR_HEADER]), one(headers[CALLER_HEADER]));
});

export type IdentityAction = 'read' | 'create' | 'erase';

export interface IdentityAccessEntry {
  referralId: string;
  fields: ReferralIdentityField[];
}

/** Writes one audit row per referral whose identifiers were disclosed, created or erased. */
export async function recordIdentityAccess(
  tx: Pick<ReferralTx, 'identityAccess'>,
  reader: IdentityReader,
  action: IdentityAction,
  purpose: string,
  entries: IdentityAccessEntry[],
): Promise<void> {
  const rows = entries.filter((e) => e.fields.length > 0);
  if (rows.length === 0) return;
  await tx.identityAccess.createMany({
    data: rows.map((e) => ({
      referralId: e.referralId,
      accessor: reader.accessor,
      caller: reader.caller,
      action,
      purpose,
      fields: e.fields,
    })),
  });
}
