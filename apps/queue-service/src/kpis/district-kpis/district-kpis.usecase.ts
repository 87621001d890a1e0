import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '@app/http';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import { aggregateKpis, quotaOf, scheduleDay, type KpiCounts } from '../kpi-aggregation';

export const districtParam = z.string().trim().min(2).max(100);

export interface DistrictFacilityKpis extends KpiCounts {
  code: string;
  name: string;
  type: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
}

export interface DistrictKpis {
  district: string;
  date: string;
  facilities: DistrictFacilityKpis[];
}

/**
 * The indicators of every facility of a district (kabupaten/kota) on one day, for the district
 * health office. Four queries for the whole district (facilities, tickets, their tasks, schedules
 * and holidays), never one per facility; the arithmetic is the facility query's.
 */
@Injectable()
export class DistrictKpisQuery {
  constructor(private readonly db: QueueDb) {}

  async execute(district: string, date: string): Promise<DistrictKpis> {
    const facilities = await this.db.facility.findMany({
      where: { district },
      orderBy: { code: 'asc' },
    });
    if (facilities.length === 0) {
      throw new DomainError(
        QueueErrorCode.DistrictNotFound,
        `Tidak ada faskes terdaftar di wilayah "${district}".`,
        { district },
      );
    }
    const codes = facilities.map((f) => f.code);
    const serviceDate = new Date(`${date}T00:00:00Z`);
    const day = { facilityCode: { in: codes }, serviceDate };
    const [tickets, tasks, holidays, schedules] = await Promise.all([
      this.db.ticket.findMany({
        where: day,
        select: { id: true, facilityCode: true, status: true, source: true, checkedInAt: true },
      }),
      this.db.ticketTask.findMany({ where: { ticket: day } }),
      this.db.holiday.findMany({ where: { facilityCode: { in: codes }, date: serviceDate } }),
      this.db.practiceSchedule.findMany({
        where: {
          facilityCode: { in: codes },
          dayOfWeek: { in: [scheduleDay(date, false), scheduleDay(date, true)] },
        },
        select: { facilityCode: true, dayOfWeek: true, quotaJkn: true, quotaNonJkn: true },
      }),
    ]);
    const holidayAt = new Set(holidays.map((h) => h.facilityCode));
    const ticketsOf = groupBy(tickets, (t) => t.facilityCode);
    const schedulesOf = groupBy(schedules, (s) => s.facilityCode);
    const facilityOf = new Map(tickets.map((t) => [t.id, t.facilityCode]));
    const tasksOf = groupBy(tasks, (t) => facilityOf.get(t.ticketId) ?? '');
    return {
      district,
      date,
      facilities: facilities.map((f) => ({
        code: f.code,
        name: f.name,
        type: f.type,
        address: f.address,
        latitude: f.latitude,
        longitude: f.longitude,
        ...aggregateKpis(
          ticketsOf.get(f.code) ?? [],
          tasksOf.get(f.code) ?? [],
          quotaOf(schedulesOf.get(f.code) ?? [], scheduleDay(date, holidayAt.has(f.code))),
        ),
      })),
    };
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(item);
  }
  return groups;
}
