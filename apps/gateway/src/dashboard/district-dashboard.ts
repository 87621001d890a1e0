/**
 * The district dashboard's answer: queue-service's indicators per facility with referral-service's
 * RRNS joined on for each FKTP. Types are the upstream answers as far as the edge relies on them.
 */
export interface DistrictKpisAnswer {
  district: string;
  date: string;
  facilities: Array<{ code: string; type: string } & Record<string, unknown>>;
}

export interface FacilityRrns {
  facilityCode: string;
  totalReferrals: number;
  nonSpecialistReferrals: number;
  nonSpecialistWithTacc: number;
  ratioPercent: number;
  withinTarget: boolean;
}

export interface DistrictRrnsAnswer {
  month: string;
  targetPercent: number;
  facilities: FacilityRrns[];
}

export interface DistrictDashboard {
  district: string;
  date: string;
  month: string;
  /** False when referral-service could not answer: the queue indicators are shown regardless. */
  rrnsAvailable: boolean;
  rrnsTargetPercent: number;
  facilities: Array<
    DistrictKpisAnswer['facilities'][number] & { rrns: Omit<FacilityRrns, 'facilityCode'> | null }
  >;
}

/** RRNS target when referral-service is down (BPJS's 2 %, as referral-service states it). */
const DEFAULT_RRNS_TARGET = 2;

export function combineDashboard(
  kpis: DistrictKpisAnswer,
  rrns: DistrictRrnsAnswer | null,
): DistrictDashboard {
  const byCode = new Map((rrns?.facilities ?? []).map((r) => [r.facilityCode, r]));
  return {
    district: kpis.district,
    date: kpis.date,
    month: kpis.date.slice(0, 7),
    rrnsAvailable: rrns !== null,
    rrnsTargetPercent: rrns?.targetPercent ?? DEFAULT_RRNS_TARGET,
    facilities: kpis.facilities.map((f) => {
      const r = byCode.get(f.code);
      if (!r) return { ...f, rrns: null };
      return {
        ...f,
        rrns: {
          totalReferrals: r.totalReferrals,
          nonSpecialistReferrals: r.nonSpecialistReferrals,
          nonSpecialistWithTacc: r.nonSpecialistWithTacc,
          ratioPercent: r.ratioPercent,
          withinTarget: r.withinTarget,
        },
      };
    }),
  };
}
