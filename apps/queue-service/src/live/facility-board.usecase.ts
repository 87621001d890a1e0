import { Injectable } from '@nestjs/common';
import { QueueDb } from '../database/queue-db';
import { LiveState, type NowCalled } from './live-state';

export interface FacilityBoard {
  facilityCode: string;
  facilityName: string | null;
  serviceDate: string;
  /** Now called per counter, with the counter's name as the display shows and says it. */
  nowCalled: Array<NowCalled & { counterName: string }>;
  queues: Array<{
    station: string;
    poliCode: string;
    poliName: string;
    waiting: number;
    next: string[];
  }>;
}

/** What a waiting-room display shows: now called per counter and the next numbers per line. */
@Injectable()
export class FacilityBoardQuery {
  constructor(
    private readonly db: QueueDb,
    private readonly live: LiveState,
  ) {}

  async execute(facilityCode: string, serviceDate: string): Promise<FacilityBoard> {
    const polis = await this.db.poli.findMany({
      where: { facilityCode },
      orderBy: { code: 'asc' },
    });
    const queues: FacilityBoard['queues'] = [];
    for (const station of ['admisi', 'poli', 'farmasi']) {
      for (const p of polis) {
        const ids = await this.live.nextUp(facilityCode, serviceDate, station, p.code, 5);
        const waiting = await this.live.waitingCount(facilityCode, serviceDate, station, p.code);
        if (waiting === 0) continue;
        const tickets = await this.db.ticket.findMany({
          where: { id: { in: ids } },
          select: { id: true, displayNumber: true },
        });
        const byId = new Map(tickets.map((t) => [t.id, t.displayNumber]));
        queues.push({
          station,
          poliCode: p.code,
          poliName: p.name,
          waiting,
          next: ids.map((id) => byId.get(id) ?? '?'),
        });
      }
    }
    const [facility, counters, nowCalled] = await Promise.all([
      this.db.facility.findUnique({ where: { code: facilityCode }, select: { name: true } }),
      this.db.counter.findMany({ where: { facilityCode }, select: { code: true, name: true } }),
      this.live.nowCalled(facilityCode, serviceDate),
    ]);
    const counterNames = new Map(counters.map((c) => [c.code, c.name]));
    return {
      facilityCode,
      facilityName: facility?.name ?? null,
      serviceDate,
      nowCalled: nowCalled.map((c) => ({
        ...c,
        counterName: counterNames.get(c.counterCode) ?? c.counterCode,
      })),
      queues,
    };
  }
}
