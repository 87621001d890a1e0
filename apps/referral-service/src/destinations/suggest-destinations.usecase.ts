import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { FACILITY_CODE, POLI_CODE } from '@app/contracts';
import { REFERRAL_CONFIG, type ReferralConfig } from '../config';
import { ReferralDb } from '../database/referral-db';
import { FacilityDirectory, type FacilityRecord } from '../facilities/facility-directory';
import { asDate, isoDayOfWeek, todayIn } from '../referrals/referral-dates';
import { rankDestinations, type Candidate, type Suggestion } from './ranking';

export const suggestDestinationsQuery = z
  .object({
    origin: FACILITY_CODE,
    poli: POLI_CODE,
    subspecialty: z.string().min(1).max(10).optional(),
    /** The day the patient would go; today when absent. */
    date: z.iso.date().optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10),
  })
  .strict();
export type SuggestDestinationsQuery = z.infer<typeof suggestDestinationsQuery>;

/** Statuses of referrals that will take a place in the hospital's quota but have no ticket yet. */
const AWAITING_TICKET = ['sent', 'received', 'forwarded', 'accepted', 'needs_rescheduling'];

/** Hospitals for a referral, ranked from the facility and load read models (no other service asked). */
@Injectable()
export class SuggestDestinations {
  constructor(
    private readonly db: ReferralDb,
    private readonly facilities: FacilityDirectory,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  async execute(q: SuggestDestinationsQuery): Promise<{ date: string; suggestions: Suggestion[] }> {
    const date = q.date ?? todayIn(this.config.TIMEZONE);
    const origin = await this.facilities.find(q.origin);
    const hospitals = (await this.facilities.hospitals()).filter(
      (h) => h.code !== q.origin && h.polis.some((p) => p.code === q.poli),
    );
    const codes = hospitals.map((h) => h.code);
    const [loads, pending, sent] = await Promise.all([
      this.db.facilityLoad.findMany({
        where: { facilityCode: { in: codes }, poliCode: q.poli, serviceDate: asDate(date) },
      }),
      this.db.referral.groupBy({
        by: ['destinationFacilityCode'],
        where: {
          destinationFacilityCode: { in: codes },
          poliCode: q.poli,
          status: { in: AWAITING_TICKET },
          OR: [{ visitDate: asDate(date) }, { visitDate: null, plannedVisitDate: asDate(date) }],
        },
        _count: { _all: true },
      }),
      this.db.referral.groupBy({
        by: ['destinationFacilityCode'],
        where: {
          destinationFacilityCode: { in: codes },
          poliCode: q.poli,
          status: { not: 'cancelled' },
          referralDate: { gte: asDate(`${date.slice(0, 7)}-01`) },
        },
        _count: { _all: true },
      }),
    ]);
    const count = (rows: typeof pending, code: string) =>
      rows.find((r) => r.destinationFacilityCode === code)?._count._all ?? 0;
    const candidates: Candidate[] = hospitals.map((h) => {
      const poli = h.polis.find((p) => p.code === q.poli);
      return {
        facilityCode: h.code,
        name: h.name,
        district: h.district,
        location: pointOf(h),
        poliCode: q.poli,
        poliName: poli?.name ?? q.poli,
        subspecialties: poli?.subspecialties ?? [],
        capacity: capacityOn(h, q.poli, date),
        booked: loads.find((l) => l.facilityCode === h.code)?.booked ?? 0,
        pendingReferrals: count(pending, h.code),
        referralsSent: count(sent, h.code),
      };
    });
    const ranked = rankDestinations(origin ? pointOf(origin) : null, candidates, q.subspecialty);
    return { date, suggestions: ranked.slice(0, q.limit) };
  }
}

function pointOf(f: FacilityRecord) {
  return f.latitude !== null && f.longitude !== null
    ? { latitude: f.latitude, longitude: f.longitude }
    : null;
}

/** The poli's quota on that weekday, over every doctor's schedule. */
export function capacityOn(f: FacilityRecord, poliCode: string, date: string): number {
  const day = isoDayOfWeek(date);
  return f.doctors
    .filter((d) => d.poliCode === poliCode)
    .flatMap((d) => d.schedules)
    .filter((s) => s.dayOfWeek === day)
    .reduce((sum, s) => sum + s.quotaJkn + s.quotaNonJkn, 0);
}
