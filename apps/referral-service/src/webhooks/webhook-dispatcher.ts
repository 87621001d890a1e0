import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { PollingLoop } from '@app/messaging';
import { withClientSpan } from '@app/observability';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ReferralDb } from '../database/referral-db';
import {
  DELIVERY_ID_HEADER,
  EVENT_TYPE_HEADER,
  SIGNATURE_HEADER,
  signWebhook,
} from './webhook-signature';

interface DueDelivery {
  id: string;
  facility_code: string;
  event_type: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
}

/** Wait before attempt n+1: exponential from the base, capped, with full jitter in its upper half. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * Posts webhook deliveries from the database. Per hospital only the oldest pending delivery is
 * sent, so a hospital receives its referral events in order; a failed one waits (backoff + jitter)
 * and is tried again, forever: a delivery is never dropped. A claim is a lease (next_attempt_at
 * moved past the request timeout) so several instances never post the same delivery at once.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly loop: PollingLoop;

  constructor(
    private readonly db: ReferralDb,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {
    // A failed round is retried after the poll interval (no growing backoff): the per-delivery
    // backoff lives in next_attempt_at.
    this.loop = new PollingLoop({
      name: 'WebhookDispatcher',
      logger: this.logger,
      idleMs: config.WEBHOOK_POLL_INTERVAL_MS,
      backoffBaseMs: config.WEBHOOK_POLL_INTERVAL_MS,
      maxBackoffMs: config.WEBHOOK_POLL_INTERVAL_MS,
      failureMessage: 'webhook dispatch round failed',
      busyWhen: (sent) => sent > 0,
      work: () => this.dispatchOnce(),
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

  /** One round: claims the head delivery of every hospital that is due, posts them in parallel. */
  async dispatchOnce(): Promise<number> {
    const leaseMs = this.config.WEBHOOK_TIMEOUT_MS + 5_000;
    const due = await this.db.$queryRawUnsafe<DueDelivery[]>(
      `WITH heads AS (
         SELECT DISTINCT ON (facility_code) id, next_attempt_at FROM webhook_delivery
         WHERE status = 'pending' ORDER BY facility_code, seq
       ), claimed AS (
         UPDATE webhook_delivery d
         SET next_attempt_at = now() + make_interval(secs => $1::double precision / 1000)
         FROM heads h
         WHERE d.id = h.id AND h.next_attempt_at <= now() AND d.status = 'pending'
           AND d.next_attempt_at <= now()
         RETURNING d.id::text AS id, d.facility_code, d.event_type, d.body, d.attempts
       )
       SELECT c.*, w.url, w.secret FROM claimed c
       JOIN hospital_webhook w ON w.facility_code = c.facility_code
       LIMIT 100`,
      leaseMs,
    );
    await Promise.all(due.map((d) => this.deliver(d)));
    return due.length;
  }

  private async deliver(d: DueDelivery): Promise<void> {
    const attempts = d.attempts + 1;
    let error: string | null = null;
    try {
      const res = await withClientSpan('POST', { 'server.address': new URL(d.url).host }, (trace) =>
        fetch(d.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            [SIGNATURE_HEADER]: signWebhook(d.secret, d.body),
            [DELIVERY_ID_HEADER]: d.id,
            [EVENT_TYPE_HEADER]: d.event_type,
            ...trace,
          },
          body: d.body,
          signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        }),
      );
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (e) {
      error = (e as Error).cause ? String((e as { cause: unknown }).cause) : (e as Error).message;
    }
    if (error === null) {
      await this.db.$executeRawUnsafe(
        `UPDATE webhook_delivery SET status = 'delivered', attempts = $2, delivered_at = now(),
           last_error = NULL WHERE id = $1::uuid`,
        d.id,
        attempts,
      );
      return;
    }
    const delay = retryDelayMs(
      attempts,
      this.config.WEBHOOK_RETRY_BASE_MS,
      this.config.WEBHOOK_RETRY_MAX_MS,
    );
    this.logger.warn(
      { deliveryId: d.id, facilityCode: d.facility_code, attempts, retryInMs: delay, err: error },
      'webhook delivery failed; will retry',
    );
    await this.db.$executeRawUnsafe(
      `UPDATE webhook_delivery SET attempts = $2, last_error = $3,
         next_attempt_at = now() + make_interval(secs => $4::double precision / 1000)
       WHERE id = $1::uuid`,
      d.id,
      attempts,
      error.slice(0, 500),
      delay,
    );
  }
}
