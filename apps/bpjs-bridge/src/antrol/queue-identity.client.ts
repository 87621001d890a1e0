import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { BRIDGE_CONFIG, type BridgeConfig } from '../config';
import type { IdentityLookup } from './patient-identity';

const identityAnswer = z.object({
  nik: z.string().nullable(),
  nomorkartu: z.string().nullable(),
  nohp: z.string().nullable(),
  norm: z.string().nullable(),
});
/** queue-service's error body (libs/http): `{ error: { code, message } }`. */
const errorAnswer = z.object({ error: z.object({ code: z.string() }) });

/** Why the bridge reads identifiers: kept in queue-service's audit table with every read. */
export const IDENTITY_PURPOSE = 'antrol-add';
export const CALLER = 'bpjs-bridge';

/**
 * Reads a booking's identifiers from queue-service's internal endpoint, right before antrean/add
 * is sent. They are held in memory for that one call only: the bridge's own database never
 * stores them.
 */
@Injectable()
export class QueueIdentityClient {
  constructor(@Inject(BRIDGE_CONFIG) private readonly config: BridgeConfig) {}

  async lookup(kodebooking: string): Promise<IdentityLookup> {
    const url =
      `${this.config.QUEUE_SERVICE_URL.replace(/\/$/, '')}/internal/v1/tickets/` +
      `${encodeURIComponent(kodebooking)}/patient-identity?purpose=${IDENTITY_PURPOSE}`;
    try {
      const res = await fetch(url, {
        headers: {
          authorization: `Bearer ${this.config.INTERNAL_API_TOKEN}`,
          'x-caller': CALLER,
        },
        signal: AbortSignal.timeout(this.config.ANTROL_TIMEOUT_MS),
      });
      const body: unknown = await res.json().catch(() => undefined);
      if (res.status === 200) {
        const parsed = identityAnswer.safeParse(body);
        return parsed.success
          ? { kind: 'found', identity: parsed.data }
          : { kind: 'unavailable', error: 'unreadable identity answer from queue-service' };
      }
      const code = errorAnswer.safeParse(body).data?.error.code;
      if (res.status === 404 && code === 'QUEUE.IDENTITY_NOT_FOUND') return { kind: 'none' };
      return {
        kind: 'unavailable',
        error: `queue-service identity: HTTP ${res.status}${code ? ` ${code}` : ''}`,
      };
    } catch (e) {
      const err = e as Error & { cause?: unknown };
      const why = err.cause instanceof Error ? err.cause.message : err.message;
      return { kind: 'unavailable', error: `queue-service identity: ${why}` };
    }
  }
}
