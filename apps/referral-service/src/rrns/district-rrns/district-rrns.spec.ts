import { toDistrictRrns } from './district-rrns.usecase';

const row = (code: string, total: number, nonSpecialist: number, withTacc = 0) => ({
  code,
  name: `Puskesmas ${code}`,
  latitude: -6.87,
  longitude: 109.04,
  total: BigInt(total),
  non_specialist: BigInt(nonSpecialist),
  with_tacc: BigInt(withTacc),
});

describe('district RRNS', () => {
  it('gives each FKTP its ratio against the 2 % target, a quiet month at 0 %', () => {
    const view = toDistrictRrns('Brebes', '2026-12', [
      row('33290101', 200, 3, 3),
      row('33290201', 40, 2, 1),
      row('33290301', 0, 0),
    ]);
    expect(view).toMatchObject({ district: 'Brebes', month: '2026-12', targetPercent: 2 });
    expect(
      view.facilities.map((f) => [
        f.facilityCode,
        f.totalReferrals,
        f.ratioPercent,
        f.withinTarget,
        f.nonSpecialistWithTacc,
      ]),
    ).toEqual([
      ['33290101', 200, 1.5, true, 3],
      ['33290201', 40, 5, false, 1],
      ['33290301', 0, 0, true, 0],
    ]);
  });
});
