import { Injectable } from '@nestjs/common';
import { QueueDb } from '../database/queue-db';

export interface StationKpi {
  station: 'admisi' | 'poli' | 'farmasi';
  /** Mean minutes between joining the line and service start (task deltas 1→2, 3→4, 5→6). */
  meanWaitMinutes: number | null;
  /** Mean minutes of service (2→3, 4→5, 6→7). */
  meanServiceMinutes: number | null;
  served: number;
}

export interface FacilityKpis {
  facilityCode: string;
  date: string;
  poliCode: string | null;
  tickets: number;
  checkedIn: number;
  noShows: number;
  /** no-shows among checked-in tickets plus bookings that expired unattended, over all non-cancelled. */
  noShowRate: number | null;
  cancelled: number;
  online: number;
  walkIn: number;
  onlineShare: number | null;
  quota: number;
  quotaUsed: number;
  quotaUse: number | null;
  stations: StationKpi[];
}

const STATION_TASKS: Array<[StationKpi['station'], number, number, number]> = [
  ['admisi', 1, 2, 3],
  ['poli', 3, 4, 5],
  ['farmasi', 5, 6, 7],
];

/** Waiting and service times per station, no-shows, online share and quota use, from the history. */
@Injectable()
export class FacilityKpisQuery {
  constructor(private readonly db: QueueDb) {}

  async execute(facilityCode: string, date: string, poliCode?: string): Promise<FacilityKpis> {
    const where = {
      facilityCode,
      serviceDate: new Date(`${date}T00:00:00Z`),
      ...(poliCode ? { poliCode } : {}),
    };
    const tickets = await this.db.ticket.findMany({
      where,
      select: {
        id: true,
        status: true,
        source: true,
        checkedInAt: true,
        doctorCode: true,
        practiceHours: true,
      },
    });
    const ids = tickets.map((t) => t.id);
    const tasks = await this.db.ticketTask.findMany({ where: { ticketId: { in: ids } } });
    const byTicket = new Map<string, Map<number, number>>();
    for (const task of tasks) {
      if (!byTicket.has(task.ticketId)) byTicket.set(task.ticketId, new Map());
      byTicket.get(task.ticketId)!.set(task.taskId, task.at.getTime());
    }
    const stations = STATION_TASKS.map(([station, wait, start, end]) => {
      const waits: number[] = [];
      const services: number[] = [];
      for (const m of byTicket.values()) {
        if (m.has(wait) && m.has(start)) waits.push(m.get(start)! - m.get(wait)!);
        if (m.has(start) && m.has(end)) services.push(m.get(end)! - m.get(start)!);
      }
      return {
        station,
        meanWaitMinutes: mean(waits),
        meanServiceMinutes: mean(services),
        served: services.length,
      };
    });
    const cancelled = tickets.filter((t) => t.status === 'cancelled').length;
    const noShows = tickets.filter((t) => t.status === 'no_show' || t.status === 'expired').length;
    const online = tickets.filter((t) => t.source === 'online' || t.source === 'mobile-jkn').length;
    const walkIn = tickets.filter((t) => t.source === 'kiosk' || t.source === 'desk').length;
    const relevant = tickets.length - cancelled;
    const quota = await this.quota(facilityCode, date, poliCode);
    return {
      facilityCode,
      date,
      poliCode: poliCode ?? null,
      tickets: tickets.length,
      checkedIn: tickets.filter((t) => t.checkedInAt).length,
      noShows,
      noShowRate: relevant ? noShows / relevant : null,
      cancelled,
      online,
      walkIn,
      onlineShare: online + walkIn ? online / (online + walkIn) : null,
      quota,
      quotaUsed: relevant,
      quotaUse: quota ? relevant / quota : null,
      stations,
    };
  }

  private async quota(facilityCode: string, date: string, poliCode?: string): Promise<number> {
    const d = new Date(`${date}T00:00:00Z`).getUTCDay();
    const holiday = await this.db.holiday.findUnique({
      where: { facilityCode_date: { facilityCode, date: new Date(`${date}T00:00:00Z`) } },
    });
    const schedules = await this.db.practiceSchedule.findMany({
      where: {
        facilityCode,
        dayOfWeek: holiday ? 8 : d === 0 ? 7 : d,
        ...(poliCode ? { poliCode } : {}),
      },
    });
    return schedules.reduce((n, s) => n + s.quotaJkn + s.quotaNonJkn, 0);
  }
}

function mean(ms: number[]): number | null {
  return ms.length ? ms.reduce((a, b) => a + b, 0) / ms.length / 60_000 : null;
}
