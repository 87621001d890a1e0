import { Injectable } from '@nestjs/common';
import { EventTypes, type EventPayload, type EventType } from '@app/contracts';
import { appendToOutbox } from '@app/database';
import { DomainError } from '@app/http';
import { buildEvent, OutboxRelay, toOutboxMessage } from '@app/messaging';
import { QueueDb, type QueueTx } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { Prisma, type Ticket } from '../../generated/prisma/client';
import { LiveState } from '../../live/live-state';
import { isNextTask, nextTaskTime } from './task-path';

/** One event to put in the outbox: a type and its payload, checked against each other. */
export type EventToEmit = { [K in EventType]: { type: K; payload: EventPayload<K> } }[EventType];

export interface TransitionSpec {
  /** History entry type: checked-in, called, recalled, no-show, service-started, ... */
  type: string;
  station?: string | null;
  counterCode?: string | null;
  data?: Record<string, unknown>;
  /** BPJS task ids this step records, in order. */
  tasks?: number[];
  /** The ticket's new state. */
  update: Prisma.TicketUpdateInput;
  /** Builds the step's events from the updated ticket and the task times. */
  events?: (t: Ticket, taskTimes: Map<number, Date>) => EventToEmit[];
}

export interface TransitionContext {
  correlationId: string;
  now?: Date;
}

const PRODUCER = 'queue-service';

export function ticketRefOf(t: Ticket) {
  return {
    ticketId: t.id,
    bookingCode: t.bookingCode,
    facilityCode: t.facilityCode,
    poliCode: t.currentPoli ?? t.poliCode,
    serviceDate: t.serviceDate.toISOString().slice(0, 10),
    displayNumber: t.displayNumber,
    patientRef: t.patientRef,
  };
}

/**
 * The one way a ticket changes after booking: in one Postgres transaction the ticket row is
 * updated, the history row appended, its task ids recorded in order with increasing times, and its
 * events put in the outbox. Redis is updated after the commit. Nothing is ever half-applied.
 */
@Injectable()
export class TicketTransitions {
  constructor(
    private readonly db: QueueDb,
    private readonly live: LiveState,
    private readonly relay: OutboxRelay,
  ) {}

  /** Runs `pick` to lock the ticket, then applies the step `decide` returns for it. */
  async run(
    ctx: TransitionContext,
    pick: (tx: QueueTx) => Promise<Ticket>,
    /** The step to apply, or null when there is nothing to do (the ticket moved on meanwhile). */
    decide: (t: Ticket, tx: QueueTx) => Promise<TransitionSpec | null> | TransitionSpec | null,
    after?: (t: Ticket, tx: QueueTx) => Promise<EventToEmit[]>,
  ): Promise<Ticket> {
    const { before, after: updated } = await this.db.$transaction(
      async (tx) => {
        const locked = await pick(tx);
        const spec = await decide(locked, tx);
        if (!spec) return { before: locked, after: locked };
        const result = await this.applyIn(tx, locked, spec, ctx);
        if (after) {
          const more = await after(result, tx);
          await this.emit(tx, result.facilityCode, more, ctx);
        }
        return { before: locked, after: result };
      },
      { maxWait: 10_000, timeout: 15_000 },
    );
    this.relay.kick();
    await this.live.apply(updated, before.counterCode);
    return updated;
  }

  /** Locks a ticket row by booking code (FOR UPDATE) so concurrent operations on it serialize. */
  async lockByBookingCode(tx: QueueTx, bookingCode: string): Promise<Ticket> {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      'SELECT id FROM ticket WHERE booking_code = $1 FOR UPDATE',
      bookingCode,
    );
    if (!rows[0]) {
      throw new DomainError(
        QueueErrorCode.TicketNotFound,
        `Tiket dengan kode booking ${bookingCode} tidak ditemukan.`,
      );
    }
    return tx.ticket.findUniqueOrThrow({ where: { id: rows[0].id } });
  }

  private async applyIn(
    tx: QueueTx,
    t: Ticket,
    spec: TransitionSpec,
    ctx: TransitionContext,
  ): Promise<Ticket> {
    const now = ctx.now ?? new Date();
    const taskTimes = new Map<number, Date>();
    if (spec.tasks?.length) {
      const recorded = await tx.ticketTask.findMany({
        where: { ticketId: t.id },
        orderBy: { at: 'asc' },
      });
      const ids = recorded.map((r) => r.taskId);
      let last = recorded.at(-1)?.at;
      for (const taskId of spec.tasks) {
        if (!isNextTask(ids, taskId, t.patientKind === 'new' ? 'new' : 'returning')) continue;
        const at = nextTaskTime(last, now);
        await tx.ticketTask.create({ data: { ticketId: t.id, taskId, at } });
        ids.push(taskId);
        taskTimes.set(taskId, at);
        last = at;
      }
    }
    const updated = await tx.ticket.update({ where: { id: t.id }, data: spec.update });
    await tx.ticketTransition.create({
      data: {
        ticketId: t.id,
        facilityCode: t.facilityCode,
        serviceDate: t.serviceDate,
        type: spec.type,
        station: spec.station ?? updated.station,
        counterCode: spec.counterCode ?? null,
        at: now,
        data: (spec.data ?? {}) as Prisma.InputJsonValue,
      },
    });
    const events: EventToEmit[] = [
      ...(spec.events?.(updated, taskTimes) ?? []),
      ...[...taskTimes].map(([taskId, at]): EventToEmit => ({
        type: EventTypes.TicketTaskRecorded,
        payload: { ...ticketRefOf(updated), taskId: taskId, at: at.getTime() },
      })),
    ];
    await this.emit(tx, t.facilityCode, events, { ...ctx, now });
    return updated;
  }

  async emit(
    tx: QueueTx,
    facilityCode: string,
    events: EventToEmit[],
    ctx: TransitionContext,
  ): Promise<void> {
    if (events.length === 0) return;
    await appendToOutbox(
      tx,
      events.map((e) =>
        toOutboxMessage(
          buildEvent(e.type, e.payload, {
            producer: PRODUCER,
            correlationId: ctx.correlationId,
            key: facilityCode,
            occurredAt: ctx.now,
          }),
        ),
      ),
    );
  }
}
