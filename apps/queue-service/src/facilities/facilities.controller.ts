import { Controller, Get } from '@nestjs/common';
import { QueueDb } from '../database/queue-db';

/** Read access to facility master data (the admin API grows here). */
@Controller('v1/facilities')
export class FacilitiesController {
  constructor(private readonly db: QueueDb) {}

  @Get()
  async list(): Promise<unknown[]> {
    const facilities = await this.db.facility.findMany({
      include: { polis: true },
      orderBy: { code: 'asc' },
    });
    return facilities.map((f) => ({
      code: f.code,
      name: f.name,
      type: f.type,
      district: f.district,
      address: f.address,
      latitude: f.latitude,
      longitude: f.longitude,
      polis: f.polis.map((p) => ({ code: p.code, name: p.name, prefix: p.prefix })),
    }));
  }
}
