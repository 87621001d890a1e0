import { Inject, Injectable } from '@nestjs/common';
import { EventTypes, type Station } from '@app/contracts';
import { DomainError } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import type { QueueTx } from '../database/queue-db';
import { QueueErrorCode } from '../errors';
import type { Ticket } from '../generated/prisma/client';
import { todayIn } from '../tickets/service-date';
import {
  ticketRefOf,
  TicketTransitions,
  type EventToEmit,
} from '../tickets/transitions/ticket-transitions';
import { CounterDirectory, type CounterInfo } from './counter-directory';
import { WAITING_AT_COUNTER_SQL } from './line-order';

const SERVICE_START_TASK: Record<Station, number> = { admisi: 2, poli: 4, farmasi: 6 };
export type FinishNext = 'poli' | 'farmasi' | 'done';

/**
 * What a front desk does at its counter: call next, recall, no-show, start, finish, transfer. Each
 * is one Postgres transaction that locks the counter and the ticket, so two counters never get the
 * same patient and a double click never calls two.
 */
@Injectable()
export class CounterOperations {
  constructor(
    private readonly transitions: TicketTransitions,
    private readonly counters: CounterDirectory,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  callNext(facilityCode: string, counterCode: string, correlationId: string): Promise<Ticket> {
    const now = new Date();
    let counter: CounterInfo;
    return this.transitions.run(
      { correlationId, now },
      async (tx) => {
        counter = await this.counters.lock(tx, facilityCode, counterCode);
        const busy = await this.current(tx, counter);
        if (busy) {
          throw new DomainError(
            QueueErrorCode.CounterBusy,
            `Loket ${counter.name} masih ${busy.status === 'called' ? 'memanggil' : 'melayani'} ${busy.displayNumber}. Selesaikan atau tandai tidak hadir dulu.`,
          );
        }
        const next = await this.nextInLine(tx, counter);
        if (!next)
          throw new DomainError(
            QueueErrorCode.QueueEmpty,
            'Tidak ada antrean yang menunggu di loket ini.',
          );
        return next;
      },
      (t) => ({
        type: 'called',
        station: t.station,
        counterCode: counter.code,
        update: { status: 'called', counterCode: counter.code, callCount: { increment: 1 } },
        events: (u) => [
          {
            type: EventTypes.TicketCalled,
            payload: {
              ...ticketRefOf(u),
              counter: counterRef(counter),
              callCount: u.callCount,
              calledAt: now.toISOString(),
            },
          },
        ],
      }),
      (t, tx) => this.approaching(tx, t),
    );
  }

  recall(facilityCode: string, counterCode: string, correlationId: string): Promise<Ticket> {
    const now = new Date();
    return this.onCurrent(facilityCode, counterCode, correlationId, ['called'], (_t, counter) => ({
      type: 'recalled',
      counterCode: counter.code,
      update: { callCount: { increment: 1 } },
      events: (u) => [
        {
          type: EventTypes.TicketRecalled,
          payload: {
            ...ticketRefOf(u),
            counter: counterRef(counter),
            callCount: u.callCount,
            calledAt: now.toISOString(),
          },
        },
      ],
    }));
  }

  noShow(
    facilityCode: string,
    counterCode: string,
    returnToQueue: boolean,
    correlationId: string,
  ): Promise<Ticket> {
    const now = new Date();
    return this.onCurrent(facilityCode, counterCode, correlationId, ['called'], (t, counter) => ({
      type: 'no-show',
      counterCode: counter.code,
      data: { returnToQueue },
      tasks: returnToQueue ? [] : [99],
      update: returnToQueue
        ? { status: 'waiting', counterCode: null, queuedAt: now }
        : { status: 'no_show', counterCode: null },
      events: (u) => [
        {
          type: EventTypes.TicketNoShow,
          payload: {
            ...ticketRefOf(u),
            station: t.station as Station,
            counter: counterRef(counter),
            returnedToQueue: returnToQueue,
            at: now.toISOString(),
          },
        },
      ],
    }));
  }

  startService(facilityCode: string, counterCode: string, correlationId: string): Promise<Ticket> {
    const now = new Date();
    return this.onCurrent(facilityCode, counterCode, correlationId, ['called'], (t, counter) => ({
      type: 'service-started',
      counterCode: counter.code,
      tasks: [SERVICE_START_TASK[t.station as Station]],
      update: { status: 'serving' },
      events: (u) => [
        {
          type: EventTypes.TicketServiceStarted,
          payload: {
            ...ticketRefOf(u),
            station: t.station as Station,
            counter: counterRef(counter),
            at: now.toISOString(),
          },
        },
      ],
    }));
  }

  finishService(
    facilityCode: string,
    counterCode: string,
    next: FinishNext | undefined,
    correlationId: string,
  ): Promise<Ticket> {
    const now = new Date();
    return this.onCurrent(
      facilityCode,
      counterCode,
      correlationId,
      ['serving'],
      async (t, counter, tx) => {
        const station = t.station as Station;
        const to: FinishNext = next ?? (station === 'admisi' ? 'poli' : 'done');
        if (station === 'farmasi' && to !== 'done') {
          throw new DomainError(
            QueueErrorCode.InvalidState,
            'Farmasi adalah loket terakhir: pilih selesai.',
          );
        }
        const started = await tx.ticketTransition.findFirst({
          where: { ticketId: t.id, type: 'service-started', station },
          orderBy: { seq: 'desc' },
        });
        const durationSeconds = started
          ? Math.max(0, (now.getTime() - started.at.getTime()) / 1000)
          : 0;
        const tasks = station === 'admisi' ? [3] : station === 'poli' ? [5] : [7];
        const moving = to !== 'done';
        return {
          type: 'service-finished',
          counterCode: counter.code,
          data: { next: to, durationSeconds },
          tasks,
          update: moving
            ? { status: 'waiting', station: to, counterCode: null, queuedAt: now }
            : { status: 'done', counterCode: null },
          events: (u) => {
            const finished: EventToEmit = {
              type: EventTypes.TicketServiceFinished,
              payload: {
                ...ticketRefOf(u),
                station,
                counter: counterRef(counter),
                at: now.toISOString(),
                durationSeconds,
              },
            };
            if (!moving) return [finished];
            return [
              finished,
              {
                type: EventTypes.TicketTransferred,
                payload: {
                  ...ticketRefOf(u),
                  fromStation: station,
                  toStation: to,
                  at: now.toISOString(),
                },
              },
            ];
          },
        };
      },
    );
  }

  /** Moves the counter's current patient to another station or poli, keeping where they came from. */
  transfer(
    facilityCode: string,
    counterCode: string,
    toStation: Station,
    toPoliCode: string | undefined,
    correlationId: string,
  ): Promise<Ticket> {
    const now = new Date();
    return this.onCurrent(
      facilityCode,
      counterCode,
      correlationId,
      ['called', 'serving'],
      async (t, counter, tx) => {
        if (toPoliCode) {
          const poli = await tx.poli.findUnique({
            where: { facilityCode_code: { facilityCode, code: toPoliCode } },
          });
          if (!poli)
            throw new DomainError(
              QueueErrorCode.PoliNotFound,
              `Poli ${toPoliCode} tidak tersedia di faskes ini.`,
            );
        }
        const from = t.station as Station;
        const tasks =
          from === 'poli' && toStation === 'farmasi' ? [4, 5] : from === 'admisi' ? [2, 3] : [];
        return {
          type: 'transferred',
          counterCode: counter.code,
          data: {
            fromStation: from,
            fromPoli: t.currentPoli ?? t.poliCode,
            toStation,
            toPoliCode: toPoliCode ?? null,
          },
          tasks,
          update: {
            status: 'waiting',
            station: toStation,
            currentPoli: toPoliCode ?? t.currentPoli ?? t.poliCode,
            counterCode: null,
            queuedAt: now,
          },
          events: (u) => [
            {
              type: EventTypes.TicketTransferred,
              payload: {
                ...ticketRefOf(u),
                fromStation: from,
                toStation,
                ...(toPoliCode ? { toPoliCode } : {}),
                at: now.toISOString(),
              },
            },
          ],
        };
      },
    );
  }

  private onCurrent(
    facilityCode: string,
    counterCode: string,
    correlationId: string,
    statuses: string[],
    decide: Parameters<TicketTransitions['run']>[2] extends (t: Ticket, tx: QueueTx) => infer R
      ? (t: Ticket, counter: CounterInfo, tx: QueueTx) => R
      : never,
  ): Promise<Ticket> {
    let counter: CounterInfo;
    return this.transitions.run(
      { correlationId },
      async (tx) => {
        counter = await this.counters.lock(tx, facilityCode, counterCode);
        const t = await this.current(tx, counter);
        if (!t || !statuses.includes(t.status)) {
          throw new DomainError(
            QueueErrorCode.CounterIdle,
            t
              ? `Loket ${counter.name} sedang ${t.status === 'called' ? 'memanggil' : 'melayani'} ${t.displayNumber}; langkah ini tidak berlaku.`
              : `Loket ${counter.name} belum memanggil pasien.`,
          );
        }
        return t;
      },
      (t, tx) => decide(t, counter, tx),
    );
  }

  /** The ticket a counter has called or is serving today, locked. */
  private async current(tx: QueueTx, counter: CounterInfo): Promise<Ticket | null> {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM ticket WHERE facility_code = $1 AND service_date = $2::date AND counter_code = $3
         AND status IN ('called', 'serving') FOR UPDATE`,
      counter.facilityCode,
      todayIn(this.config.TIMEZONE),
      counter.code,
    );
    return rows[0] ? tx.ticket.findUniqueOrThrow({ where: { id: rows[0].id } }) : null;
  }

  /** Priority first, then who joined the line first; tickets another counter is taking are skipped. */
  private async nextInLine(tx: QueueTx, counter: CounterInfo): Promise<Ticket | null> {
    const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `${WAITING_AT_COUNTER_SQL} LIMIT 1 FOR UPDATE SKIP LOCKED`,
      counter.facilityCode,
      todayIn(this.config.TIMEZONE),
      counter.station,
      counter.poliCodes,
    );
    return rows[0] ? tx.ticket.findUniqueOrThrow({ where: { id: rows[0].id } }) : null;
  }

  /** The ticket now N-th in line behind the one just called hears it is approaching (once per station). */
  private async approaching(tx: QueueTx, called: Ticket): Promise<EventToEmit[]> {
    const n = this.config.APPROACHING_POSITION;
    const rows = await tx.$queryRawUnsafe<Array<{ id: string }>>(
      `SELECT id FROM ticket
       WHERE facility_code = $1 AND service_date = $2 AND status = 'waiting' AND station = $3
         AND COALESCE(current_poli, poli_code) = $4
       ORDER BY priority DESC, queued_at ASC, queue_number ASC OFFSET $5 LIMIT 1`,
      called.facilityCode,
      called.serviceDate,
      called.station,
      called.currentPoli ?? called.poliCode,
      n - 1,
    );
    if (!rows[0]) return [];
    const t = await tx.ticket.findUniqueOrThrow({ where: { id: rows[0].id } });
    // Two counters (on any instances) calling at once can both find this ticket N-th in line:
    // the check below and its insert are serialised per ticket, so it hears it once. Waiting here
    // holds no row lock another caller needs, so it cannot deadlock.
    await tx.$executeRawUnsafe(
      'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))',
      `approaching:${t.id}`,
    );
    const already = await tx.ticketTransition.findFirst({
      where: { ticketId: t.id, type: 'approaching', station: t.station },
    });
    if (already) return [];
    await tx.ticketTransition.create({
      data: {
        ticketId: t.id,
        facilityCode: t.facilityCode,
        serviceDate: t.serviceDate,
        type: 'approaching',
        station: t.station,
        at: new Date(),
        data: { position: n },
      },
    });
    return [
      {
        type: EventTypes.TicketApproaching,
        payload: { ...ticketRefOf(t), station: t.station as Station, position: n },
      },
    ];
  }
}

function counterRef(c: CounterInfo) {
  return { code: c.code, name: c.name, station: c.station };
}
