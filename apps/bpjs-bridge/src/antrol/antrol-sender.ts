import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import {
  antrolEnvelope,
  AntrolMessage,
  bpjsTimestamp,
  classifyAntrolAnswer,
  decryptResponse,
  signedHeaders,
  type AntreanAddRequest,
} from '@app/bpjs';
import { PollingLoop } from '@app/messaging';
import { withClientSpan } from '@app/observability';
import { BRIDGE_CONFIG, type BridgeConfig } from '../config';
import { BridgeDb } from '../database/bridge-db';
import { withIdentity } from './patient-identity';
import { QueueIdentityClient } from './queue-identity.client';

interface DueCall {
  seq: string;
  facility_code: string;
  kodebooking: string;
  kind: string;
  task_id: number | null;
  path: string;
  body: unknown;
  attempts: number;
  cons_id: string | null;
  secret: string | null;
  user_key: string | null;
  base_url: string | null;
}

/**
 * How often a back-fill may bring back one refused call: a call BPJS refuses for its content
 * would otherwise be revived and refused again forever.
 */
export const MAX_REVIVALS = 1;

/** What one attempt came to. */
export type AttemptResult =
  | { kind: 'sent'; code: number; message: string }
  | { kind: 'backfill'; code: number; message: string }
  | { kind: 'failed'; code: number; message: string }
  | { kind: 'retry'; error: string; code?: number; message?: string };

/** Wait before attempt n+1: exponential from the base, capped, with jitter in its upper half. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Turns BPJS's answer into what to do with the call. */
export function judgeAnswer(
  kind: string,
  metadata: { code: number; message: string },
): AttemptResult {
  const outcome = classifyAntrolAnswer(metadata);
  if (outcome === 'done') return { kind: 'sent', ...metadata };
  if (outcome === 'previous-task-missing') return { kind: 'backfill', ...metadata };
  // A task or cancellation for a booking BPJS has not got: the add must go first.
  if (kind !== 'add' && metadata.message === AntrolMessage.BookingNotFound)
    return { kind: 'backfill', ...metadata };
  // Credentials or clock trouble is ours to fix, not the call's fault: keep it.
  if (/Authentication|Signature|timestamp/i.test(metadata.message))
    return { kind: 'retry', error: metadata.message, ...metadata };
  return { kind: 'failed', ...metadata };
}

/**
 * Sends stored Antrol calls. Per booking only the oldest pending call is attempted, so BPJS gets
 * add before tasks and tasks in order; a failed attempt (BPJS down, 5xx, timeout) waits with
 * exponential backoff and jitter and is tried again, forever. A claim is a lease
 * (next_attempt_at moved past the timeout), so several instances never send the same call at once.
 */
@Injectable()
export class AntrolSender implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AntrolSender');
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: BridgeDb,
    private readonly identities: QueueIdentityClient,
    @Inject(BRIDGE_CONFIG) private readonly config: BridgeConfig,
  ) {
    this.loop = new PollingLoop({
      name: 'AntrolSender',
      logger: this.logger,
      idleMs: config.ANTROL_POLL_INTERVAL_MS,
      backoffBaseMs: config.ANTROL_POLL_INTERVAL_MS,
      maxBackoffMs: config.ANTROL_POLL_INTERVAL_MS,
      failureMessage: 'Antrol send round failed',
      busyWhen: (sent) => sent > 0,
      work: () => this.sendOnce(),
    });
  }

  onApplicationBootstrap(): void {
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.loop.stop();
  }

  kick(): void {
    this.loop.kick();
  }

  /** One round: claims the head call of every booking that is due and sends them in parallel. */
  async sendOnce(): Promise<number> {
    const leaseMs = this.config.ANTROL_TIMEOUT_MS + 5_000;
    const due = await this.db.$queryRawUnsafe<DueCall[]>(
      `WITH heads AS (
         SELECT DISTINCT ON (facility_code, kodebooking) seq, next_attempt_at FROM antrol_call
         WHERE status = 'pending' ORDER BY facility_code, kodebooking, seq
       ), picked AS (
         SELECT seq FROM heads WHERE next_attempt_at <= now() ORDER BY seq LIMIT 200
       ), claimed AS (
         UPDATE antrol_call c
         SET next_attempt_at = now() + make_interval(secs => $1::double precision / 1000)
         FROM picked p
         WHERE c.seq = p.seq AND c.status = 'pending' AND c.next_attempt_at <= now()
         RETURNING c.seq, c.facility_code, c.kodebooking, c.kind, c.task_id, c.path, c.body, c.attempts
       )
       SELECT c.seq::text AS seq, c.facility_code, c.kodebooking, c.kind, c.task_id, c.path,
              c.body, c.attempts, k.cons_id, k.secret, k.user_key, k.base_url
       FROM claimed c LEFT JOIN bpjs_credential k ON k.facility_code = c.facility_code`,
      leaseMs,
    );
    await Promise.all(due.map((c) => this.attempt(c)));
    return due.length;
  }

  private async attempt(c: DueCall): Promise<void> {
    const result = await this.call(c);
    const attempts = c.attempts + 1;
    switch (result.kind) {
      case 'sent':
        await this.db.$executeRawUnsafe(
          `UPDATE antrol_call SET status = 'sent', attempts = $2, sent_at = now(), last_code = $3,
             last_message = $4, last_error = NULL WHERE seq = $1::bigint`,
          c.seq,
          attempts,
          result.code,
          result.message,
        );
        return;
      case 'failed':
        this.logger.warn(
          { seq: c.seq, kodebooking: c.kodebooking, code: result.code, answer: result.message },
          'BPJS refused an Antrol call',
        );
        await this.db.$executeRawUnsafe(
          `UPDATE antrol_call SET status = 'failed', attempts = $2, last_code = $3,
             last_message = $4 WHERE seq = $1::bigint`,
          c.seq,
          attempts,
          result.code,
          result.message,
        );
        return;
      case 'backfill': {
        // The earlier call must reach BPJS first: bring back any that had been given up on, each
        // at most MAX_REVIVALS times (a JKN add without a card number is refused every time).
        const revived = await this.db.$executeRawUnsafe(
          `UPDATE antrol_call SET status = 'pending', next_attempt_at = now(), revivals = revivals + 1
           WHERE facility_code = $1 AND kodebooking = $2 AND status = 'failed' AND seq < $3::bigint
             AND (kind = 'add' OR (kind = 'updatewaktu' AND task_id < $4))
             AND revivals < $5`,
          c.facility_code,
          c.kodebooking,
          c.seq,
          c.task_id ?? 1000,
          MAX_REVIVALS,
        );
        const blocker =
          revived === 0
            ? await this.db.antrolCall.findFirst({
                where: {
                  facilityCode: c.facility_code,
                  kodebooking: c.kodebooking,
                  status: 'failed',
                  seq: { lt: BigInt(c.seq) },
                  // The same calls the revival looks at: what this one needs before it.
                  OR: [{ kind: 'add' }, { kind: 'updatewaktu', taskId: { lt: c.task_id ?? 1000 } }],
                },
                orderBy: { seq: 'asc' },
              })
            : null;
        if (blocker) {
          // What it needs was refused for good: this call fails with it, for a person to look at.
          this.logger.warn(
            { seq: c.seq, kodebooking: c.kodebooking, blockedBy: blocker.seq.toString() },
            'BPJS wants an earlier call that it keeps refusing; giving up on this one too',
          );
          await this.db.$executeRawUnsafe(
            `UPDATE antrol_call SET status = 'failed', attempts = $2, last_code = $3,
               last_message = $4, last_error = $5 WHERE seq = $1::bigint`,
            c.seq,
            attempts,
            result.code,
            result.message,
            `blocked by call ${blocker.seq.toString()}, refused: ${blocker.lastMessage ?? ''}`,
          );
          return;
        }
        this.logger.warn(
          { seq: c.seq, kodebooking: c.kodebooking, revived, answer: result.message },
          'BPJS wants an earlier call first; back-filling',
        );
        await this.reschedule(c, attempts, result.message, result.code, result.message);
        return;
      }
      case 'retry':
        await this.reschedule(c, attempts, result.error, result.code, result.message);
        return;
    }
  }

  private async reschedule(
    c: DueCall,
    attempts: number,
    error: string,
    code?: number,
    message?: string,
  ): Promise<void> {
    const delay = retryDelayMs(
      attempts,
      this.config.ANTROL_RETRY_BASE_MS,
      this.config.ANTROL_RETRY_MAX_MS,
    );
    await this.db.$executeRawUnsafe(
      `UPDATE antrol_call SET attempts = $2, last_error = $3, last_code = $4, last_message = $5,
         next_attempt_at = now() + make_interval(secs => $6::double precision / 1000)
       WHERE seq = $1::bigint`,
      c.seq,
      attempts,
      error.slice(0, 500),
      code ?? null,
      message ?? null,
      delay,
    );
  }

  private async call(c: DueCall): Promise<AttemptResult> {
    if (!c.cons_id || !c.secret || !c.user_key || !c.base_url)
      return { kind: 'retry', error: 'no BPJS credentials for this facility' };
    let body = c.body;
    if (c.kind === 'add') {
      // The identifiers live only in queue-service (encrypted): read them now, never store them.
      const found = await this.identities.lookup(c.kodebooking);
      if (found.kind === 'unavailable') return { kind: 'retry', error: found.error };
      body = withIdentity(
        c.body as AntreanAddRequest,
        found.kind === 'found' ? found.identity : null,
      );
    }
    const timestamp = bpjsTimestamp();
    const creds = { consId: c.cons_id, secret: c.secret, userKey: c.user_key };
    try {
      const url = c.base_url.replace(/\/$/, '') + c.path;
      const res = await withClientSpan('POST', { 'server.address': new URL(url).host }, (trace) =>
        fetch(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...signedHeaders(creds, timestamp),
            ...trace,
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(this.config.ANTROL_TIMEOUT_MS),
        }),
      );
      const text = await res.text();
      if (!res.ok) return { kind: 'retry', error: `HTTP ${res.status}` };
      const parsed = antrolEnvelope.safeParse(safeJson(text));
      if (!parsed.success) return { kind: 'retry', error: 'unreadable answer from BPJS' };
      const { metadata, response } = parsed.data;
      if (typeof response === 'string' && response.length > 0) {
        // Proves the answer came from someone holding our secret; the content is not needed.
        decryptResponse(c.cons_id, c.secret, timestamp, response);
      }
      return judgeAnswer(c.kind, metadata);
    } catch (e) {
      const err = e as Error & { cause?: unknown };
      return { kind: 'retry', error: err.cause instanceof Error ? err.cause.message : err.message };
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
