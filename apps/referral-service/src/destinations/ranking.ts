import { z } from 'zod';

export interface Point {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in km. */
export function haversineKm(a: Point, b: Point): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface Candidate {
  facilityCode: string;
  name: string;
  district: string;
  location: Point | null;
  poliCode: string;
  poliName: string;
  subspecialties: string[];
  /** Quota (JKN + non-JKN) of the poli's schedules on the day. */
  capacity: number;
  /** Tickets booked for the day, learned from queue.ticket.booked. */
  booked: number;
  /** Referrals to it for the day that have no ticket yet (they will take quota). */
  pendingReferrals: number;
  /** Referrals sent to this poli this month (what BPJS's picker shows as "jumlah rujukan"). */
  referralsSent: number;
}

export const suggestionView = z.object({
  facilityCode: z.string(),
  name: z.string(),
  district: z.string(),
  poliCode: z.string(),
  poliName: z.string(),
  subspecialtyMatch: z.boolean(),
  distanceKm: z.number().nullable(),
  capacity: z.number().int(),
  booked: z.number().int(),
  remainingQuota: z.number().int(),
  referralsSent: z.number().int(),
  loadPercent: z.number(),
  available: z.boolean(),
  score: z.number(),
});
export type Suggestion = z.infer<typeof suggestionView>;

/** Weights of the three criteria; competency first, then nearness and free capacity equally. */
export const WEIGHTS = { competency: 0.4, distance: 0.3, load: 0.3 } as const;

/**
 * Orders hospitals for a referral: those with quota left first, then by a score of competency
 * (has the sub-specialty asked for), distance from the referring facility (20 km halves the
 * score) and load ((booked + pending referrals) / capacity). Pure, so it is tested without I/O.
 */
export function rankDestinations(
  origin: Point | null,
  candidates: Candidate[],
  subspecialty?: string,
): Suggestion[] {
  return candidates
    .map((c) => {
      const subspecialtyMatch = subspecialty ? c.subspecialties.includes(subspecialty) : true;
      const distanceKm =
        origin && c.location ? Math.round(haversineKm(origin, c.location) * 10) / 10 : null;
      const used = c.booked + c.pendingReferrals;
      const loadPercent = c.capacity > 0 ? Math.round((used / c.capacity) * 1000) / 10 : 100;
      const remainingQuota = Math.max(0, c.capacity - used);
      const competency = subspecialtyMatch ? 1 : 0.5;
      const nearness = distanceKm === null ? 0.5 : 1 / (1 + distanceKm / 20);
      const freeness = Math.max(0, 1 - loadPercent / 100);
      const score =
        WEIGHTS.competency * competency + WEIGHTS.distance * nearness + WEIGHTS.load * freeness;
      return {
        facilityCode: c.facilityCode,
        name: c.name,
        district: c.district,
        poliCode: c.poliCode,
        poliName: c.poliName,
        subspecialtyMatch,
        distanceKm,
        capacity: c.capacity,
        booked: c.booked,
        remainingQuota,
        referralsSent: c.referralsSent,
        loadPercent,
        available: remainingQuota > 0,
        score: Math.round(score * 1000) / 1000,
      };
    })
    .sort(
      (a, b) =>
        Number(b.available) - Number(a.available) ||
        b.score - a.score ||
        (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity),
    );
}
