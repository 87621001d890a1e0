import { Inject, Injectable } from '@nestjs/common';
import type { EventEnvelope, EventPayload } from '@app/contracts';
import { appendToOutbox } from '@app/database';
import { DomainError } from '@app/http';
import { OutboxRelay, toOutboxMessage } from '@app/messaging';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ReferralDb, type ReferralTx } from '../database/referral-db';
import { ReferralErrorCode } from '../errors';
import type { Prisma, Referral } from '../generated/prisma/client';
import { WebhookDispatcher } from '../webhooks/webhook-dispatcher';
import { dateOnly, todayIn } from './referral-dates';
import { referralEvent, type ReferralEventType } from './referral-events';
import { isReferralStatus, nextStatus, type ReferralAction } from './referral-status';

export interface TransitionInput<T extends ReferralEventType> {
  id: string;
  action: ReferralAction;
  correlationId: string;
  /** Column changes besides the status. */
  patch?: (r: Referral) => Prisma.ReferralUpdateManyMutationInput;
  /** The event describing the change, built from the referral after the patch. */
  event: (r: Referral, at: Date) => { type: T; payload: EventPayload<T> };
  detail?: Record<string, unknown>;
  /** The clock: only the expiry job (and its tests) pass another one. */
  now?: Date;
}

/**
 * Every referral change goes through here: the state machine decides, then the row (guarded by its
 * version), its history, its event in the outbox and one webhook delivery per subscribed hospital
 * are written in one transaction. The relay and the dispatcher are woken after the commit.
 */
@Injectable()
export class ReferralStore {
  constructor(
    private readonly db: ReferralDb,
    private readonly relay: OutboxRelay,
    private readonly webhooks: WebhookDispatcher,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  async require(id: string, tx: ReferralTx | ReferralDb = this.db): Promise<Referral> {
    const r = await tx.referral.findUnique({ where: { id } });
    if (!r) throw new DomainError(ReferralErrorCode.NotFound, 'Rujukan tidak ditemukan.', { id });
    return r;
  }

  /** Refuses early (before other checks) what the state machine would refuse anyway. */
  ensureAllowed(r: Referral, action: ReferralAction, now: Date = new Date()): void {
    if (!isReferralStatus(r.status)) throw new Error(`bad status ${r.status}`);
    nextStatus(r.status, action, {
      validUntil: dateOnly(r.validUntil),
      today: todayIn(this.config.TIMEZONE, now),
    });
  }

  /** Runs a change in its own transaction, retrying when another change raced it. */
  async transition<T extends ReferralEventType>(input: TransitionInput<T>): Promise<Referral> {
    for (let attempt = 1; ; attempt++) {
      try {
        const updated = await this.db.$transaction((tx) => this.transitionIn(tx, input));
        this.afterCommit();
        return updated;
      } catch (e) {
        if (!(e instanceof DomainError && e.code === ReferralErrorCode.ConcurrentUpdate)) throw e;
        if (attempt >= 3) throw e;
      }
    }
  }

  /** The same change inside the caller's transaction (an event handler's); call afterCommit after. */
  async transitionIn<T extends ReferralEventType>(
    tx: ReferralTx,
    input: TransitionInput<T>,
  ): Promise<Referral> {
    const now = input.now ?? new Date();
    const current = await this.require(input.id, tx);
    if (!isReferralStatus(current.status)) throw new Error(`bad status ${current.status}`);
    const to = nextStatus(current.status, input.action, {
      validUntil: dateOnly(current.validUntil),
      today: todayIn(this.config.TIMEZONE, now),
    });
    const patch = { ...(input.patch?.(current) ?? {}), status: to };
    const { count } = await tx.referral.updateMany({
      where: { id: current.id, version: current.version },
      data: { ...patch, version: { increment: 1 }, updatedAt: now },
    });
    if (count !== 1) {
      throw new DomainError(
        ReferralErrorCode.ConcurrentUpdate,
        'Rujukan baru saja diubah oleh petugas lain. Muat ulang lalu coba lagi.',
      );
    }
    const updated = await this.require(current.id, tx);
    const { type, payload } = input.event(updated, now);
    const event = referralEvent(type, payload, updated, input.correlationId, now);
    await tx.referralHistory.create({
      data: {
        referralId: current.id,
        fromStatus: current.status,
        toStatus: to,
        detail: (input.detail ?? {}) as Prisma.InputJsonValue,
        at: now,
      },
    });
    await this.publishIn(tx, event, current.id);
    return updated;
  }

  /** Writes the event to the outbox and queues it for the webhook of the facility it is keyed by. */
  async publishIn(
    tx: ReferralTx,
    event: EventEnvelope<ReferralEventType>,
    referralId: string,
  ): Promise<void> {
    await appendToOutbox(tx, [toOutboxMessage(event)]);
    await tx.$executeRawUnsafe(
      `INSERT INTO webhook_delivery (id, facility_code, event_id, event_type, referral_id, body)
       SELECT gen_random_uuid(), facility_code, $1::uuid, $2, $3::uuid, $4
       FROM hospital_webhook WHERE facility_code = $5 AND active
       ON CONFLICT (event_id, facility_code) DO NOTHING`,
      event.id,
      event.type,
      referralId,
      JSON.stringify(event),
      event.key,
    );
  }

  afterCommit(): void {
    this.relay.kick();
    this.webhooks.kick();
  }
}
