import type { TicketBookedV1 } from '@app/contracts';
import { renderTicketBooked } from './ticket-booked.template';

const event: TicketBookedV1 = {
  ticketId: '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
  bookingCode: '261124K7P2QX',
  facilityCode: '3329R001',
  poliCode: 'ANA',
  poliName: 'Anak',
  serviceDate: '2026-11-24',
  queueNumber: 7,
  displayNumber: 'ANA-007',
  patientRef: 'p_abcdefghijklmnop',
  source: 'online',
  bookedAt: '2026-11-23T08:00:00.000Z',
};

describe('ticket-booked template', () => {
  it('renders in Bahasa Indonesia with the number, poli, date and live link', () => {
    const m = renderTicketBooked(event, 'id', 'https://antrean.example.id/');
    expect(m.title).toBe('Nomor antrean ANA-007');
    expect(m.body).toBe(
      'Nomor antrean Anda ANA-007 di Poli Anak pada Selasa, 24 November 2026. Kode booking 261124K7P2QX. ' +
        'Pantau antrean secara langsung: https://antrean.example.id/tiket/261124K7P2QX',
    );
  });

  it('renders in English as the second locale', () => {
    const m = renderTicketBooked(event, 'en', 'https://antrean.example.id');
    expect(m.body).toMatch(
      /^Your queue number is ANA-007 at Anak on Tuesday,? 24 November 2026\. /,
    );
  });
});
