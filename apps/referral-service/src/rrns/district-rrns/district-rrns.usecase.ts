import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ReferralDb } from '../../database/referral-db';
import { RRNS_TARGET_PERCENT, rrnsPercent } from '../rrns.usecase';

export const districtParam = z.string().trim().min(2).max(100);

export const districtRrnsView = z.object({
  district: z.string(),
  month: z.string(),
  targetPercent: z.number(),
  facilities: z.array(
    z.object({
      facilityCode: z.string(),
      name: z.string(),
      latitude: z.number().nullable(),
      longitude: z.number().nullable(),
      totalReferrals: z.number().int(),
      nonSpecialistReferrals: z.number().int(),
      nonSpecialistWithTacc: z.number().int(),
      ratioPercent: z.number(),
      withinTarget: z.boolean(),
    }),
  ),
});
export type DistrictRrnsView = z.infer<typeof districtRrnsView>;

interface Row {
  code: string;
  name: string;
  latitude: number | null;
  longitude: number | null;
  total: bigint;
  non_specialist: bigint;
  with_tacc: bigint;
}

/** The rows of one query, as the district's view (pure, so the arithmetic is unit-tested). */
export function toDistrictRrns(district: string, month: string, rows: Row[]): DistrictRrnsView {
  return {
    district,
    month,
    targetPercent: RRNS_TARGET_PERCENT,
    facilities: rows.map((r) => {
      const total = Number(r.total);
      const nonSpecialist = Number(r.non_specialist);
      const ratio = rrnsPercent(total, nonSpecialist);
      return {
        facilityCode: r.code,
        name: r.name,
        latitude: r.latitude,
        longitude: r.longitude,
        totalReferrals: total,
        nonSpecialistReferrals: nonSpecialist,
        nonSpecialistWithTacc: Number(r.with_tacc),
        ratioPercent: ratio,
        withinTarget: ratio <= RRNS_TARGET_PERCENT,
      };
    }),
  };
}

/**
 * The RRNS of every FKTP of a district in one month, in one query: the facilities come from this
 * service's copy of the master data (learned from `queue.facilities.1`), so an FKTP that referred
 * nobody is listed with 0 referrals rather than left out.
 */
@Injectable()
export class ComputeDistrictRrns {
  constructor(private readonly db: ReferralDb) {}

  async execute(district: string, month: string): Promise<DistrictRrnsView> {
    const rows = await this.db.$queryRawUnsafe<Row[]>(
      `SELECT f.code, f.name, f.latitude, f.longitude,
              count(r.id) AS total,
              count(r.id) FILTER (WHERE r.non_specialist) AS non_specialist,
              count(r.id) FILTER (WHERE r.non_specialist AND r.tacc_code IS NOT NULL) AS with_tacc
       FROM facility f
       LEFT JOIN referral r ON r.origin_facility_code = f.code AND r.status <> 'cancelled'
         AND r.referral_date >= $2::date AND r.referral_date < ($2::date + interval '1 month')
       WHERE f.district = $1 AND f.type = 'FKTP'
       GROUP BY f.code, f.name, f.latitude, f.longitude
       ORDER BY f.code`,
      district,
      `${month}-01`,
    );
    return toDistrictRrns(district, month, rows);
  }
}
