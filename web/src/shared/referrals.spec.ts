import { applyReferralPush, isReferralPush, type ReferralView } from './referrals';

const referral: ReferralView = {
  id: 'r1',
  number: '9913P0011226P000001',
  status: 'sent',
  statusReason: null,
  originFacilityCode: '9913P001',
  destinationFacilityCode: '9913R001',
  forwardedFrom: null,
  poliCode: 'INT',
  subspecialty: null,
  patient: { name: 'Siti', nik: '••••0001', cardNumber: null, phone: null },
  diagnosis: { code: 'J06.9', name: 'ISPA' },
  nonSpecialist: true,
  tacc: null,
  referralDate: '2026-12-07',
  plannedVisitDate: '2026-12-09',
  validUntil: '2027-03-07',
  notes: null,
  referringDoctor: 'dr. Andi',
  appointment: null,
  feedback: null,
  updatedAt: '2026-12-07T01:00:00.000Z',
};
const push = {
  id: 'r1',
  number: referral.number,
  originFacilityCode: '9913P001',
  destinationFacilityCode: '9913R001',
  poliCode: 'INT',
};

describe('applying pushed referral events', () => {
  it('changes the status and the appointment of a referral the list shows', () => {
    const accepted = applyReferralPush([referral], {
      ...push,
      status: 'accepted',
      occurredAt: '2026-12-07T02:00:00.000Z',
      visitDate: '2026-12-10',
    });
    expect(accepted.known).toBe(true);
    expect(accepted.list[0]).toMatchObject({
      status: 'accepted',
      appointment: { visitDate: '2026-12-10', displayNumber: null },
    });
    const scheduled = applyReferralPush(accepted.list, {
      ...push,
      status: 'scheduled',
      occurredAt: '2026-12-07T02:00:01.000Z',
      visitDate: '2026-12-10',
      displayNumber: 'INT-004',
    });
    expect(scheduled.list[0].appointment).toMatchObject({ displayNumber: 'INT-004' });
    expect(referral.status).toBe('sent');
  });

  it('says when a referral is new to the list, and never moves a status backwards', () => {
    expect(
      applyReferralPush([referral], {
        ...push,
        id: 'r2',
        status: 'sent',
        occurredAt: '2026-12-07T03:00:00.000Z',
      }).known,
    ).toBe(false);
    const stale = applyReferralPush([{ ...referral, status: 'received' }], {
      ...push,
      status: 'sent',
      occurredAt: '2026-12-07T00:59:00.000Z',
    });
    expect(stale.list[0].status).toBe('received');
  });

  it('recognises referral pushes among other live messages', () => {
    expect(isReferralPush('referral.sent', { id: 'r1', status: 'sent' })).toBe(true);
    expect(isReferralPush('subscribed-referrals', { facilityCode: '9913P001' })).toBe(false);
    expect(isReferralPush('error', { code: 'LIVE.INVALID_SUBSCRIPTION' })).toBe(false);
  });
});
