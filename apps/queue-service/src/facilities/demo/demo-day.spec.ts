import { aggregateKpis } from '../../kpis/kpi-aggregation';
import { BREBES_FACILITIES } from './brebes';
import { demoClinicDay, demoDay } from './demo-day';

describe('demo clinic day', () => {
  it('is the last Monday to Saturday before today', () => {
    expect(demoClinicDay('2026-12-08')).toBe('2026-12-07'); // Tuesday → Monday
    expect(demoClinicDay('2026-12-07')).toBe('2026-12-05'); // Monday → Saturday
    expect(demoClinicDay('2026-12-06')).toBe('2026-12-05'); // Sunday → Saturday
  });

  it('gives every demo facility a plausible, repeatable day', () => {
    const day = demoDay(BREBES_FACILITIES, '2026-12-05');
    expect(demoDay(BREBES_FACILITIES, '2026-12-05')).toEqual(day);
    for (const f of BREBES_FACILITIES) {
      const tickets = day.tickets.filter((t) => t.facilityCode === f.code);
      const kpis = aggregateKpis(tickets, day.tasks, 0);
      expect(kpis.tickets).toBeGreaterThan(20);
      expect(kpis.noShows).toBeGreaterThan(0);
      expect(kpis.onlineShare).toBeGreaterThan(0.2);
      expect(kpis.onlineShare).toBeLessThan(0.95);
      for (const s of kpis.stations) expect(s.meanWaitMinutes).toBeGreaterThan(0);
    }
    const keys = day.tickets.map((t) => `${t.facilityCode}:${t.poliCode}:${t.queueNumber}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(day.tickets.map((t) => t.bookingCode)).size).toBe(day.tickets.length);
  });
});
