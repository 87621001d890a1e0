import { browserTicket, patientRefOf } from './ticket-answer';

describe('ticket answers', () => {
  const fromQueue = { bookingCode: 'ABC123', facilityCode: '9901R001', patientRef: 'p_abcdefgh' };

  it('reads the patientRef queue-service gives the gateway, null without one', () => {
    expect(patientRefOf(fromQueue)).toBe('p_abcdefgh');
    expect(patientRefOf({ patientRef: '' })).toBeNull();
    expect(patientRefOf({ patientRef: 7 })).toBeNull();
    expect(patientRefOf(null)).toBeNull();
  });

  it('leaves the patientRef out of what browsers get, and the rest as it was', () => {
    expect(browserTicket(fromQueue)).toEqual({ bookingCode: 'ABC123', facilityCode: '9901R001' });
    expect(fromQueue.patientRef).toBe('p_abcdefgh');
    expect(browserTicket(null)).toBeNull();
    expect(browserTicket([1])).toEqual([1]);
  });
});
