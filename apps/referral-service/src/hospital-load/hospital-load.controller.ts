import { Controller, Get, Param } from '@nestjs/common';
import { FACILITY_CODE } from '@app/contracts';
import { ZodPipe } from '@app/http';
import { ReferralDb } from '../database/referral-db';

/** What referral-service knows of a facility's load, per poli and day. */
@Controller('v1/hospital-load')
export class HospitalLoadController {
  constructor(private readonly db: ReferralDb) {}

  @Get(':facilityCode')
  async forFacility(
    @Param('facilityCode', new ZodPipe(FACILITY_CODE)) facilityCode: string,
  ): Promise<unknown[]> {
    const rows = await this.db.facilityLoad.findMany({
      where: { facilityCode },
      orderBy: [{ serviceDate: 'desc' }, { poliCode: 'asc' }],
      take: 200,
    });
    return rows.map((r) => ({
      facilityCode: r.facilityCode,
      poliCode: r.poliCode,
      serviceDate: r.serviceDate.toISOString().slice(0, 10),
      booked: r.booked,
    }));
  }
}
