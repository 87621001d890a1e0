import { addDays, localParts, quietHoursEnd, zonedInstant } from './local-time';

const TZ = 'Asia/Jakarta';

describe('local time', () => {
  it('turns a Jakarta wall-clock time into the right instant (UTC+7)', () => {
    expect(zonedInstant('2026-11-24', '08:00', TZ).toISOString()).toBe('2026-11-24T01:00:00.000Z');
    expect(zonedInstant('2026-11-24', '03:30', TZ).toISOString()).toBe('2026-11-23T20:30:00.000Z');
    expect(zonedInstant('2026-11-24', '08:00', 'Asia/Jayapura').toISOString()).toBe(
      '2026-11-23T23:00:00.000Z',
    );
  });

  it('reads local date and minutes', () => {
    expect(localParts(new Date('2026-11-23T18:15:00Z'), TZ)).toEqual({
      date: '2026-11-24',
      minutes: 75,
    });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('knows quiet hours across midnight and when they end', () => {
    const at = (iso: string) => quietHoursEnd(new Date(iso), '21:00-06:00', TZ)?.toISOString();
    expect(at('2026-11-23T15:00:00Z')).toBe('2026-11-23T23:00:00.000Z'); // 22:00 → 06:00 next day
    expect(at('2026-11-23T20:00:00Z')).toBe('2026-11-23T23:00:00.000Z'); // 03:00 → 06:00 same day
    expect(at('2026-11-24T02:00:00Z')).toBeUndefined(); // 09:00: not quiet
    expect(quietHoursEnd(new Date(), 'off', TZ)).toBeNull();
    expect(quietHoursEnd(new Date('2026-11-24T06:00:00Z'), '12:00-14:00', TZ)?.toISOString()).toBe(
      '2026-11-24T07:00:00.000Z',
    );
  });
});
