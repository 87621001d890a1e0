import { randomUUID } from 'node:crypto';
import type { NotificationDb } from '../../database/notification-db';

/** What one attempt left behind, for the delivery log. */
export interface AttemptRecord {
  attempt: number;
  channel: string;
  provider: string;
  status: 'sent' | 'failed' | 'deferred' | 'skipped';
  error?: string;
  durationMs: number;
}

const utc = (d: Date) => d.toISOString();

/** The dispatcher's SQL: claim due deliveries with a lease, then settle each with its log entry. */
export class DeliveryStore {
  constructor(private readonly db: NotificationDb) {}

  /**
   * Claims up to `limit` due deliveries (pending and due, or sending with an expired lease: their
   * process died) with FOR UPDATE SKIP LOCKED, so concurrent dispatchers never take the same row.
   */
  async claim(limit: number, leaseMs: number, now = new Date()): Promise<string[]> {
    const rows = await this.db.$queryRawUnsafe<Array<{ id: string }>>(
      `UPDATE delivery d SET status = 'sending', lease_until = ($3::timestamptz AT TIME ZONE 'UTC')
         FROM (SELECT id FROM delivery
                WHERE (status = 'pending' AND not_before <= ($2::timestamptz AT TIME ZONE 'UTC'))
                   OR (status = 'sending' AND lease_until < ($2::timestamptz AT TIME ZONE 'UTC'))
                ORDER BY not_before
                LIMIT $1
                FOR UPDATE SKIP LOCKED) due
        WHERE d.id = due.id
        RETURNING d.id::text AS id`,
      limit,
      utc(now),
      utc(new Date(now.getTime() + leaseMs)),
    );
    return rows.map((r) => r.id);
  }

  load(ids: string[]) {
    return this.db.delivery.findMany({
      where: { id: { in: ids } },
      include: { notification: true },
    });
  }

  async sent(id: string, attempts: number, log: AttemptRecord): Promise<void> {
    await this.settle(id, log, {
      status: 'sent',
      attempts,
      sentAt: new Date(),
      channel: log.channel,
      provider: log.provider,
      leaseUntil: null,
    });
  }

  async retry(
    id: string,
    log: AttemptRecord,
    next: { attempts: number; step: number; stepFailures: number; notBefore: Date },
  ): Promise<void> {
    await this.settle(id, log, {
      status: 'pending',
      ...next,
      lastError: log.error ?? null,
      leaseUntil: null,
    });
  }

  async skipped(id: string, log: AttemptRecord, status: 'skipped' | 'cancelled'): Promise<void> {
    await this.settle(id, log, { status, lastError: log.error ?? null, leaseUntil: null });
  }

  /** After N failures: the delivery stops and a dead-letter record says why. */
  async dead(id: string, attempts: number, log: AttemptRecord): Promise<void> {
    await this.db.$transaction(async (tx) => {
      await tx.delivery.updateMany({
        where: { id, status: 'sending' },
        data: { status: 'dead', attempts, lastError: log.error ?? null, leaseUntil: null },
      });
      await tx.deliveryAttempt.create({ data: { deliveryId: id, ...log } });
      await tx.deliveryDeadLetter.create({
        data: { id: randomUUID(), deliveryId: id, reason: log.error ?? 'failed', attempts },
      });
    });
  }

  private async settle(
    id: string,
    log: AttemptRecord,
    data: Parameters<NotificationDb['delivery']['updateMany']>[0]['data'],
  ): Promise<void> {
    await this.db.$transaction(async (tx) => {
      // Only while still ours: a row whose lease ran out may have been taken again.
      await tx.delivery.updateMany({ where: { id, status: 'sending' }, data });
      await tx.deliveryAttempt.create({ data: { deliveryId: id, ...log } });
    });
  }
}
