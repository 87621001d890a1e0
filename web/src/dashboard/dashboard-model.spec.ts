import {
  districtTotals,
  formatNumber,
  formatPercent,
  located,
  longestWait,
  percent,
  todayInJakarta,
  waitBand,
  type FacilityRow,
} from './dashboard-model';

const row = (over: Partial<FacilityRow>): FacilityRow => ({
  code: '99140001',
  name: 'Puskesmas Uji',
  type: 'FKTP',
  address: null,
  latitude: -6.9,
  longitude: 109.0,
  tickets: 0,
  checkedIn: 0,
  noShows: 0,
  noShowRate: null,
  cancelled: 0,
  online: 0,
  walkIn: 0,
  onlineShare: null,
  quota: 0,
  quotaUsed: 0,
  quotaUse: null,
  stations: [],
  rrns: null,
  ...over,
});

describe('district dashboard arithmetic', () => {
  it('colours a facility by its longest station wait', () => {
    const f = row({
      stations: [
        { station: 'admisi', meanWaitMinutes: 4, meanServiceMinutes: 2, served: 3 },
        { station: 'poli', meanWaitMinutes: 22.5, meanServiceMinutes: 9, served: 2 },
        { station: 'farmasi', meanWaitMinutes: null, meanServiceMinutes: null, served: 0 },
      ],
    });
    expect(longestWait(f)).toBe(22.5);
    expect([null, 0, 14.9, 15, 30, 30.1].map(waitBand)).toEqual([
      'none',
      'short',
      'short',
      'mid',
      'mid',
      'long',
    ]);
    expect(longestWait(row({}))).toBeNull();
  });

  it('adds up the district from counts, not by averaging ratios', () => {
    const totals = districtTotals([
      row({ tickets: 10, cancelled: 2, noShows: 2, online: 9, walkIn: 1, checkedIn: 6 }),
      row({ tickets: 2, noShows: 0, online: 0, walkIn: 2, checkedIn: 2 }),
    ]);
    expect(totals).toEqual({
      tickets: 12,
      checkedIn: 8,
      noShows: 2,
      noShowRate: 0.2,
      onlineShare: 0.75,
    });
    expect(districtTotals([])).toMatchObject({ noShowRate: null, onlineShare: null });
  });

  it('maps only facilities with coordinates, and rounds percentages to one decimal', () => {
    expect(located([row({}), row({ code: 'X', latitude: null })]).map((f) => f.code)).toEqual([
      '99140001',
    ]);
    expect([percent(null), percent(2 / 3), percent(0.5)]).toEqual([null, 66.7, 50]);
    expect([formatPercent(null), formatPercent(1 / 3), formatNumber(2.345, 2)]).toEqual([
      '—',
      '33.3 %',
      '2.35',
    ]);
  });

  it("knows today's date in Jakarta (UTC+7)", () => {
    expect(todayInJakarta(new Date('2026-12-06T17:30:00Z'))).toBe('2026-12-07');
    expect(todayInJakarta(new Date('2026-12-06T16:59:00Z'))).toBe('2026-12-06');
  });
});
