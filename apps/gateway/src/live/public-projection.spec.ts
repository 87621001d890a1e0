import { buildEvent } from '@app/messaging';
import { publicProjection } from './public-projection';

const ctx = { producer: 'queue-service', correlationId: 'c1', key: '9952R001' };

describe('public live projection', () => {
  it('shows a booking to a waiting-room screen without booking code, patientRef or referral', () => {
    const event = buildEvent(
      'queue.ticket.booked',
      {
        ticketId: '0b6f7a9e-8d1c-4a53-9f0e-3c2b1a0d9e8f',
        bookingCode: '2612075BZJA9',
        facilityCode: '9952R001',
        poliCode: 'ANA',
        poliName: 'Anak',
        serviceDate: '2026-12-07',
        queueNumber: 7,
        displayNumber: 'ANA-007',
        patientRef: 'p_abcdefgh12345678',
        source: 'online',
        bookedAt: '2026-12-07T01:00:00.000Z',
        referralId: '1c7f8a9e-8d1c-4a53-9f0e-3c2b1a0d9e8f',
      },
      ctx,
    );
    expect(publicProjection(event)).toEqual({
      event: 'queue.ticket.booked',
      data: {
        eventId: event.id,
        occurredAt: event.occurredAt,
        facilityCode: '9952R001',
        poliCode: 'ANA',
        serviceDate: '2026-12-07',
        displayNumber: 'ANA-007',
        poliName: 'Anak',
        queueNumber: 7,
        source: 'online',
      },
    });
    expect(JSON.stringify(publicProjection(event))).not.toMatch(/p_abcdefgh|2612075BZJA9/);
  });
});
