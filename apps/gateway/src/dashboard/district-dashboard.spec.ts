import { combineDashboard } from './district-dashboard';

describe('district dashboard', () => {
  const kpis = {
    district: 'Brebes',
    date: '2026-12-07',
    facilities: [
      { code: '3329R001', type: 'FKRTL', tickets: 5 },
      { code: '33290101', type: 'FKTP', tickets: 3 },
      { code: '33290201', type: 'FKTP', tickets: 0 },
    ],
  };

  it("joins each FKTP's RRNS of the date's month; hospitals have none", () => {
    const rrns = {
      month: '2026-12',
      targetPercent: 2,
      facilities: [
        {
          facilityCode: '33290101',
          totalReferrals: 50,
          nonSpecialistReferrals: 2,
          nonSpecialistWithTacc: 2,
          ratioPercent: 4,
          withinTarget: false,
        },
      ],
    };
    const view = combineDashboard(kpis, rrns);
    expect(view).toMatchObject({ month: '2026-12', rrnsAvailable: true, rrnsTargetPercent: 2 });
    expect(view.facilities.map((f) => [f.code, f.rrns?.ratioPercent ?? null])).toEqual([
      ['3329R001', null],
      ['33290101', 4],
      ['33290201', null],
    ]);
    expect(view.facilities[1].rrns).not.toHaveProperty('facilityCode');
  });

  it('still answers the queue indicators when referral-service is down', () => {
    const view = combineDashboard(kpis, null);
    expect(view.rrnsAvailable).toBe(false);
    expect(view.rrnsTargetPercent).toBe(2);
    expect(view.facilities.map((f) => f.tickets)).toEqual([5, 3, 0]);
  });
});
