import { buildEvent } from '@app/messaging';
import type { EventPayload } from '@app/contracts';
import { planEvent } from './plan-event';
import type { HandledEvent, PlanContext } from './plan';

const config = {
  PUBLIC_BASE_URL: 'https://antrean.example.id',
  TIMEZONE: 'Asia/Jakarta',
  REMINDER_DAY_BEFORE_AT: '18:00',
  REMINDER_BEFORE_SESSION_MINUTES: 60,
  CHECKIN_OPENS_MINUTES_BEFORE: 30,
  REMINDER_MIN_LEAD_SECONDS: 600,
};
const ref = {
  ticketId: '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
  bookingCode: '261124K7P2QX',
  facilityCode: '3329R001',
  poliCode: 'ANA',
  serviceDate: '2026-11-24',
  displayNumber: 'ANA-007',
  patientRef: 'p_abcdefghijklmnop',
};
const booked: EventPayload<'queue.ticket.booked'> = {
  ...ref,
  poliName: 'Anak',
  queueNumber: 7,
  source: 'online',
  bookedAt: '2026-11-22T08:00:00.000Z',
  practiceHours: '08:00-12:00',
  estimatedServiceAt: '2026-11-24T02:30:00.000Z',
};
const ctx = (now: string): PlanContext => ({
  config,
  now: new Date(now),
  tickets: new Map([[ref.ticketId, { ticketId: ref.ticketId, poliName: 'Anak' }]]),
});
const ev = <T extends HandledEvent['type']>(type: T, payload: EventPayload<T>) =>
  buildEvent(type, payload, { producer: 't', correlationId: 'c', key: '3329R001' }) as HandledEvent;

describe('planEvent', () => {
  it('books: confirmation now, then day-before, before-session and check-in-open reminders', () => {
    const r = planEvent(ev('queue.ticket.booked', booked), ctx('2026-11-22T08:00:00Z'));
    expect(r.plans.map((p) => [p.template.key, p.visibleAt?.toISOString() ?? 'now'])).toEqual([
      ['ticket-booked@1', 'now'],
      ['reminder-day-before@1', '2026-11-23T11:00:00.000Z'], // 18:00 WIB the day before
      ['reminder-before-session@1', '2026-11-24T01:30:00.000Z'], // estimate 09:30 − 60 min
      ['checkin-open@1', '2026-11-24T00:30:00.000Z'], // session 08:00 − 30 min
    ]);
    expect(
      r.plans.every((p) => p.recipient === ref.patientRef && p.subject === 'ticket:261124K7P2QX'),
    ).toBe(true);
  });

  it('does not plan reminders that are already due when booking', () => {
    const r = planEvent(ev('queue.ticket.booked', booked), ctx('2026-11-24T00:25:00Z'));
    expect(r.plans.map((p) => p.template.key)).toEqual([
      'ticket-booked@1',
      'reminder-before-session@1',
    ]);
  });

  it('calls: critical, with the counter, and the poli name learned from the booking', () => {
    const r = planEvent(
      ev('queue.ticket.called', {
        ...ref,
        counter: { code: 'ANA2', name: 'Poli Anak ruang 2', station: 'poli' },
        callCount: 1,
        calledAt: '2026-11-24T02:00:00.000Z',
      }),
      ctx('2026-11-24T02:00:00Z'),
    );
    expect(r.plans).toHaveLength(1);
    expect(r.plans[0].template.definition.critical).toBe(true);
    expect(r.plans[0].vars).toMatchObject({ counterName: 'Poli Anak ruang 2', poliName: 'Anak' });
  });

  it('tells every patient of an absent doctor, and cancels reminders of a cancelled ticket', () => {
    const other = {
      ...ref,
      ticketId: '1b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
      patientRef: 'p_zzzzzzzzzzzz',
    };
    const absent = planEvent(
      ev('queue.doctor.absent', {
        facilityCode: '3329R001',
        poliCode: 'ANA',
        doctorCode: '123',
        doctorName: 'dr. Sari',
        serviceDate: '2026-11-24',
        reason: 'sakit',
        affected: [ref, other],
      }),
      ctx('2026-11-23T00:00:00Z'),
    );
    expect(absent.plans.map((p) => p.recipient)).toEqual([ref.patientRef, other.patientRef]);
    const cancelled = planEvent(
      ev('queue.ticket.cancelled', {
        ...ref,
        reason: 'batal',
        by: 'patient',
        at: '2026-11-23T00:00:00Z',
      }),
      ctx('2026-11-23T00:00:00Z'),
    );
    expect(cancelled.supersedes).toBe('ticket:261124K7P2QX');
  });

  it('addresses hospital desks and referring doctors by facility', () => {
    const r = planEvent(
      ev('referral.completed', {
        referralId: '2b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11',
        referralNumber: '332901011126P000123',
        originFacilityCode: '33290101',
        destinationFacilityCode: '3329R001',
        poliCode: 'ANA',
        patientRef: ref.patientRef,
        feedback: { diagnosis: 'J18.9', treatmentSummary: 'antibiotik', followUp: 'kontrol' },
        at: '2026-11-24T05:00:00Z',
      }),
      ctx('2026-11-24T05:00:00Z'),
    );
    expect(r.plans[0].recipient).toBe('facility:33290101');
    expect(r.plans[0].template.key).toBe('referral-feedback@1');
  });
});
