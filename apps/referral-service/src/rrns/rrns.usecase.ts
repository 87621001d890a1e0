import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ReferralDb } from '../database/referral-db';

export const RRNS_TARGET_PERCENT = 2;

export const rrnsQuery = z
  .object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'bulan berformat YYYY-MM') })
  .strict();

export const rrnsView = z.object({
  facilityCode: z.string(),
  month: z.string(),
  totalReferrals: z.number().int(),
  nonSpecialistReferrals: z.number().int(),
  nonSpecialistWithTacc: z.number().int(),
  ratioPercent: z.number(),
  targetPercent: z.number(),
  withinTarget: z.boolean(),
});
export type RrnsView = z.infer<typeof rrnsView>;

/** The ratio in percent with two decimals; a month without referrals is 0 %. */
export function rrnsPercent(total: number, nonSpecialist: number): number {
  return total === 0 ? 0 : Math.round((nonSpecialist / total) * 10_000) / 100;
}

/**
 * Rasio Rujukan Non Spesialistik of one FKTP in one month: referrals of diagnoses on the FKTP's
 * own list over all its referrals (by referral date), cancelled ones left out. Target ≤ 2 %.
 * Such a referral can only be made with a TACC justification; it still counts, as BPJS reports it.
 */
@Injectable()
export class ComputeRrns {
  constructor(private readonly db: ReferralDb) {}

  async execute(facilityCode: string, month: string): Promise<RrnsView> {
    const [row] = await this.db.$queryRawUnsafe<
      Array<{ total: bigint; non_specialist: bigint; with_tacc: bigint }>
    >(
      `SELECT count(*) AS total,
              count(*) FILTER (WHERE non_specialist) AS non_specialist,
              count(*) FILTER (WHERE non_specialist AND tacc_code IS NOT NULL) AS with_tacc
       FROM referral
       WHERE origin_facility_code = $1 AND status <> 'cancelled'
         AND referral_date >= $2::date AND referral_date < ($2::date + interval '1 month')`,
      facilityCode,
      `${month}-01`,
    );
    const total = Number(row?.total ?? 0);
    const nonSpecialist = Number(row?.non_specialist ?? 0);
    const ratio = rrnsPercent(total, nonSpecialist);
    return {
      facilityCode,
      month,
      totalReferrals: total,
      nonSpecialistReferrals: nonSpecialist,
      nonSpecialistWithTacc: Number(row?.with_tacc ?? 0),
      ratioPercent: ratio,
      targetPercent: RRNS_TARGET_PERCENT,
      withinTarget: ratio <= RRNS_TARGET_PERCENT,
    };
  }
}
