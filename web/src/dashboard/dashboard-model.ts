/** The district dashboard's data (the gateway's answer) and the pure arithmetic the page does. */

export type Station = 'admisi' | 'poli' | 'farmasi';
export const STATIONS: Station[] = ['admisi', 'poli', 'farmasi'];

export interface FacilityRow {
  code: string;
  name: string;
  type: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  tickets: number;
  checkedIn: number;
  noShows: number;
  noShowRate: number | null;
  cancelled: number;
  online: number;
  walkIn: number;
  onlineShare: number | null;
  quota: number;
  quotaUsed: number;
  quotaUse: number | null;
  stations: Array<{
    station: Station;
    meanWaitMinutes: number | null;
    meanServiceMinutes: number | null;
    served: number;
  }>;
  rrns: {
    totalReferrals: number;
    nonSpecialistReferrals: number;
    ratioPercent: number;
    withinTarget: boolean;
  } | null;
}

export interface Dashboard {
  district: string;
  date: string;
  month: string;
  rrnsAvailable: boolean;
  rrnsTargetPercent: number;
  facilities: FacilityRow[];
}

export interface DistrictOption {
  district: string;
  facilities: number;
}

export type WaitBand = 'short' | 'mid' | 'long' | 'none';

/** Colours with at least 3:1 contrast against the map's light background (WCAG non-text). */
export const BAND_COLOUR: Record<WaitBand, string> = {
  short: '#0b6b2e',
  mid: '#b35900',
  long: '#b00020',
  none: '#5f6b76',
};

export function meanWait(f: FacilityRow, station: Station): number | null {
  return f.stations.find((s) => s.station === station)?.meanWaitMinutes ?? null;
}

/** The longest mean wait of any station: what a patient of that facility waits at worst. */
export function longestWait(f: FacilityRow): number | null {
  const waits = f.stations.map((s) => s.meanWaitMinutes).filter((w): w is number => w !== null);
  return waits.length ? Math.max(...waits) : null;
}

export function waitBand(minutes: number | null): WaitBand {
  if (minutes === null) return 'none';
  if (minutes < 15) return 'short';
  if (minutes <= 30) return 'mid';
  return 'long';
}

export interface DistrictTotals {
  tickets: number;
  checkedIn: number;
  noShows: number;
  noShowRate: number | null;
  onlineShare: number | null;
}

/** District-wide figures, from the counts (never an average of the facilities' ratios). */
export function districtTotals(rows: FacilityRow[]): DistrictTotals {
  const sum = (pick: (f: FacilityRow) => number) => rows.reduce((n, f) => n + pick(f), 0);
  const tickets = sum((f) => f.tickets);
  const relevant = tickets - sum((f) => f.cancelled);
  const online = sum((f) => f.online);
  const counted = online + sum((f) => f.walkIn);
  const noShows = sum((f) => f.noShows);
  return {
    tickets,
    checkedIn: sum((f) => f.checkedIn),
    noShows,
    noShowRate: relevant ? noShows / relevant : null,
    onlineShare: counted ? online / counted : null,
  };
}

/** Facilities that can be drawn on the map. */
export function located(
  rows: FacilityRow[],
): Array<FacilityRow & { latitude: number; longitude: number }> {
  return rows.filter(
    (f): f is FacilityRow & { latitude: number; longitude: number } =>
      f.latitude !== null && f.longitude !== null,
  );
}

export function percent(ratio: number | null): number | null {
  return ratio === null ? null : Math.round(ratio * 1000) / 10;
}

export function formatNumber(n: number | null, digits = 1): string {
  return n === null ? '—' : n.toFixed(digits);
}

/** A ratio (0..1) as a percentage with one decimal, or a dash when there is nothing to divide. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${formatNumber(percent(ratio))} %`;
}

/** Today in Asia/Jakarta as YYYY-MM-DD (what the services call "today"). */
export function todayInJakarta(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(now);
}
