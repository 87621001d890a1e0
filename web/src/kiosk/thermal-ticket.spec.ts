import { center, THERMAL_WIDTH, thermalTicketText, wrap } from './thermal-ticket';

describe('thermal kiosk ticket', () => {
  const text = thermalTicketText({
    facilityName: 'RSUD Brebes Kabupaten Brebes Jawa Tengah',
    poliName: 'Anak',
    displayNumber: 'ANA-007',
    bookingCode: '261124ABCDEF',
    serviceDate: '2026-11-24',
    issuedAt: new Date('2026-11-24T01:30:00Z'),
    followUrl: 'http://127.0.0.1:3000/ticket.html?code=261124ABCDEF',
  });

  it('never prints a line wider than the paper', () => {
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(THERMAL_WIDTH);
  });

  it('carries the number, the poli, the booking code and the time in WIB', () => {
    expect(text).toContain('ANA-007');
    expect(text).toContain('Anak');
    expect(text).toContain('Kode    : 261124ABCDEF');
    expect(text).toContain('Jam     : 08.30 WIB');
  });

  it('wraps long words and centres short lines', () => {
    expect(wrap('a'.repeat(40), 32)).toEqual(['a'.repeat(32), 'a'.repeat(8)]);
    expect(wrap('satu dua tiga', 8)).toEqual(['satu dua', 'tiga']);
    expect(center('ABC', 9)).toBe('   ABC');
  });
});
