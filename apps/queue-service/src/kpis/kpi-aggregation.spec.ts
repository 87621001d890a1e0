import {
  aggregateKpis,
  quotaOf,
  scheduleDay,
  type KpiTask,
  type KpiTicket,
} from './kpi-aggregation';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 1, minute));
const ticket = (id: string, status: string, source: string, checkedIn = true): KpiTicket => ({
  id,
  status,
  source,
  checkedInAt: checkedIn ? at(0) : null,
});
const tasks = (ticketId: string, minutes: number[]): KpiTask[] =>
  minutes.map((m, i) => ({ ticketId, taskId: i + 1, at: at(m) }));

describe('aggregateKpis', () => {
  it('averages waits and services per station from the task timestamps', () => {
    const kpis = aggregateKpis(
      [ticket('a', 'done', 'online'), ticket('b', 'done', 'kiosk')],
      [...tasks('a', [0, 10, 15, 45, 50]), ...tasks('b', [0, 20, 25])],
      40,
    );
    expect(kpis.stations).toEqual([
      { station: 'admisi', meanWaitMinutes: 15, meanServiceMinutes: 5, served: 2 },
      { station: 'poli', meanWaitMinutes: 30, meanServiceMinutes: 5, served: 1 },
      { station: 'farmasi', meanWaitMinutes: null, meanServiceMinutes: null, served: 0 },
    ]);
    expect(kpis).toMatchObject({ tickets: 2, online: 1, walkIn: 1, onlineShare: 0.5 });
    expect(kpis.quotaUse).toBe(2 / 40);
  });

  it('counts no-shows and expiries over the tickets not cancelled', () => {
    const kpis = aggregateKpis(
      [
        ticket('a', 'no_show', 'online'),
        ticket('b', 'expired', 'mobile-jkn', false),
        ticket('c', 'cancelled', 'online', false),
        ticket('d', 'waiting', 'desk'),
      ],
      [],
      0,
    );
    expect(kpis).toMatchObject({
      tickets: 4,
      checkedIn: 2,
      noShows: 2,
      cancelled: 1,
      noShowRate: 2 / 3,
      online: 3,
      walkIn: 1,
      onlineShare: 0.75,
      quotaUsed: 3,
      quotaUse: null,
    });
  });

  it('ignores tasks of other tickets and answers null ratios for an empty day', () => {
    const kpis = aggregateKpis([], tasks('elsewhere', [0, 5]), 10);
    expect(kpis).toMatchObject({ tickets: 0, noShowRate: null, onlineShare: null, quotaUse: 0 });
    expect(kpis.stations.every((s) => s.meanWaitMinutes === null && s.served === 0)).toBe(true);
  });
});

describe('schedule day and quota', () => {
  it('maps dates to 1 (Monday) … 7 (Sunday), and a holiday to 8', () => {
    expect(scheduleDay('2026-12-07', false)).toBe(1);
    expect(scheduleDay('2026-12-06', false)).toBe(7);
    expect(scheduleDay('2026-12-06', true)).toBe(8);
  });

  it('sums JKN and non-JKN quota of the sessions of that day only', () => {
    const schedules = [
      { dayOfWeek: 1, quotaJkn: 30, quotaNonJkn: 10 },
      { dayOfWeek: 1, quotaJkn: 5, quotaNonJkn: 5 },
      { dayOfWeek: 8, quotaJkn: 7, quotaNonJkn: 0 },
    ];
    expect(quotaOf(schedules, 1)).toBe(50);
    expect(quotaOf(schedules, 8)).toBe(7);
    expect(quotaOf(schedules, 2)).toBe(0);
  });
});
