import { haversineKm, rankDestinations, type Candidate } from './ranking';

const brebes = { latitude: -6.8722, longitude: 109.0436 };
const base: Omit<Candidate, 'facilityCode' | 'location'> = {
  name: 'RS',
  district: 'Brebes',
  poliCode: 'ANA',
  poliName: 'Anak',
  subspecialties: [],
  capacity: 10,
  booked: 0,
  pendingReferrals: 0,
  referralsSent: 0,
};

describe('destination ranking', () => {
  it('measures distance on the globe', () => {
    // Brebes to Tegal is about 11 km.
    expect(haversineKm(brebes, { latitude: -6.8694, longitude: 109.1402 })).toBeCloseTo(10.7, 0);
  });

  it('prefers the nearer hospital, until its quota is gone', () => {
    const near = {
      ...base,
      facilityCode: 'NEAR0001',
      location: { latitude: -6.88, longitude: 109.05 },
    };
    const far = {
      ...base,
      facilityCode: 'FAR00001',
      location: { latitude: -7.2, longitude: 109.3 },
    };
    expect(rankDestinations(brebes, [far, near]).map((s) => s.facilityCode)).toEqual([
      'NEAR0001',
      'FAR00001',
    ]);
    const full = rankDestinations(brebes, [far, { ...near, booked: 8, pendingReferrals: 2 }]);
    expect(full.map((s) => s.facilityCode)).toEqual(['FAR00001', 'NEAR0001']);
    expect(full[1]).toMatchObject({ loadPercent: 100, remainingQuota: 0, available: false });
  });

  it('ranks a hospital with the sub-specialty asked for above a nearer one without it', () => {
    const near = {
      ...base,
      facilityCode: 'NEAR0001',
      location: { latitude: -6.88, longitude: 109.05 },
    };
    const far = {
      ...base,
      facilityCode: 'FAR00001',
      location: { latitude: -6.95, longitude: 109.12 },
      subspecialties: ['ANA-KARDIO'],
    };
    const ranked = rankDestinations(brebes, [near, far], 'ANA-KARDIO');
    expect(ranked[0]).toMatchObject({ facilityCode: 'FAR00001', subspecialtyMatch: true });
  });

  it('treats a poli with no schedule that day as full', () => {
    const [s] = rankDestinations(null, [
      { ...base, facilityCode: 'X0000001', location: null, capacity: 0 },
    ]);
    expect(s).toMatchObject({ available: false, loadPercent: 100, distanceKm: null });
  });
});
