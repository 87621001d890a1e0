import { Injectable } from '@nestjs/common';
import { QueueDb } from '../database/queue-db';
import { aggregateKpis, quotaOf, scheduleDay, type KpiCounts } from './kpi-aggregation';

export type { StationKpi } from './kpi-aggregation';

export interface FacilityKpis extends KpiCounts {
  facilityCode: string;
  date: string;
  poliCode: string | null;
}

/** Waiting and service times per station, no-shows, online share and quota use, from the history. */
@Injectable()
export class FacilityKpisQuery {
  constructor(private readonly db: QueueDb) {}

  async execute(facilityCode: string, date: string, poliCode?: string): Promise<FacilityKpis> {
    const serviceDate = new Date(`${date}T00:00:00Z`);
    const where = { facilityCode, serviceDate, ...(poliCode ? { poliCode } : {}) };
    const tickets = await this.db.ticket.findMany({
      where,
      select: { id: true, status: true, source: true, checkedInAt: true },
    });
    const tasks = await this.db.ticketTask.findMany({
      where: { ticketId: { in: tickets.map((t) => t.id) } },
    });
    const holiday = await this.db.holiday.findUnique({
      where: { facilityCode_date: { facilityCode, date: serviceDate } },
    });
    const day = scheduleDay(date, holiday !== null);
    const schedules = await this.db.practiceSchedule.findMany({
      where: { facilityCode, dayOfWeek: day, ...(poliCode ? { poliCode } : {}) },
    });
    return {
      facilityCode,
      date,
      poliCode: poliCode ?? null,
      ...aggregateKpis(tickets, tasks, quotaOf(schedules, day)),
    };
  }
}
