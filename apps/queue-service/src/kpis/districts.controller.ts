import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { z } from 'zod';
import { ZodPipe } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import { QueueDb } from '../database/queue-db';
import { todayIn } from '../tickets/service-date';
import {
  DistrictKpisQuery,
  districtParam,
  type DistrictKpis,
} from './district-kpis/district-kpis.usecase';

export const districtDateQuery = z.object({ date: z.iso.date().optional() }).strict();

export interface DistrictSummary {
  district: string;
  facilities: number;
}

/** For the district health office: which districts have facilities, and a district's indicators. */
@Controller('v1/districts')
export class DistrictsController {
  constructor(
    private readonly db: QueueDb,
    private readonly kpis: DistrictKpisQuery,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  @Get()
  async list(): Promise<DistrictSummary[]> {
    const rows = await this.db.facility.groupBy({
      by: ['district'],
      _count: { _all: true },
      orderBy: { district: 'asc' },
    });
    return rows.map((r) => ({ district: r.district, facilities: r._count._all }));
  }

  @Get(':district/kpis')
  districtKpis(
    @Param('district', new ZodPipe(districtParam)) district: string,
    @Query(new ZodPipe(districtDateQuery)) q: z.infer<typeof districtDateQuery>,
  ): Promise<DistrictKpis> {
    return this.kpis.execute(district, q.date ?? todayIn(this.config.TIMEZONE));
  }
}
