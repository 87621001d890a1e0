import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { QueueDb } from '../database/queue-db';
import { QueueErrorCode } from '../errors';
import { todayIn } from '../tickets/service-date';
import { toTicketView, type TicketView } from '../tickets/ticket.view';
import type { CounterInfo } from './counter-directory';
import { WAITING_AT_COUNTER_SQL } from './line-order';

export interface CounterQueue {
  counter: CounterInfo;
  serviceDate: string;
  /** The ticket called or being served at this counter, if any. */
  current: TicketView | null;
  /** How many wait for this counter, and the first of them in the order call-next takes them. */
  waitingCount: number;
  waiting: TicketView[];
}

const LIST_LIMIT = 50;

/** The desk console's view of one counter: who is at the desk and who is next, in order. */
@Injectable()
export class CounterQueueQuery {
  constructor(
    private readonly db: QueueDb,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  async execute(facilityCode: string, counterCode: string): Promise<CounterQueue> {
    const row = await this.db.counter.findUnique({
      where: { facilityCode_code: { facilityCode, code: counterCode } },
    });
    if (!row) {
      throw new DomainError(
        QueueErrorCode.CounterNotFound,
        `Loket ${counterCode} tidak ada di faskes ${facilityCode}.`,
      );
    }
    const counter: CounterInfo = {
      facilityCode,
      code: row.code,
      name: row.name,
      station: row.station as CounterInfo['station'],
      poliCodes: row.poliCodes,
    };
    const serviceDate = todayIn(this.config.TIMEZONE);
    const params = [facilityCode, serviceDate, counter.station, counter.poliCodes] as const;
    const [ids, count, current] = await Promise.all([
      this.db.$queryRawUnsafe<Array<{ id: string }>>(
        `${WAITING_AT_COUNTER_SQL} LIMIT ${LIST_LIMIT}`,
        ...params,
      ),
      this.db.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM (${WAITING_AT_COUNTER_SQL}) w`,
        ...params,
      ),
      this.db.ticket.findFirst({
        where: {
          facilityCode,
          serviceDate: new Date(`${serviceDate}T00:00:00Z`),
          counterCode: counter.code,
          status: { in: ['called', 'serving'] },
        },
      }),
    ]);
    const tickets = await this.db.ticket.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
    const byId = new Map(tickets.map((t) => [t.id, t]));
    return {
      counter,
      serviceDate,
      current: current ? toTicketView(current) : null,
      waitingCount: count[0]?.n ?? 0,
      waiting: ids.flatMap((r) => {
        const t = byId.get(r.id);
        return t ? [toTicketView(t)] : [];
      }),
    };
  }
}
