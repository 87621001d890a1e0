import { buildEvent } from '@app/messaging';
import { referralAudience, referralProjection } from './referral-projection';

const ref = {
  referralId: '0b6f7a9e-8d1c-4a53-9f0e-3c2b1a0d9e8f',
  referralNumber: '9913P0011226P000001',
  originFacilityCode: '9913P001',
  destinationFacilityCode: '9913R001',
  poliCode: 'INT',
  patientRef: 'p_abcdefgh12345678',
};
const ctx = { producer: 'referral-service', correlationId: 'c1', key: '9913R001' };

describe('referral live projection', () => {
  it('shows a sent referral without the patient: no name, NIK, card, phone or reference', () => {
    const event = buildEvent(
      'referral.sent',
      {
        ...ref,
        referralDate: '2026-12-07',
        plannedVisitDate: '2026-12-09',
        validUntil: '2027-03-07',
        serviceType: 2,
        referralType: 0,
        diagnosis: { code: 'J06.9', name: 'ISPA' },
        nonSpecialist: true,
        tacc: { code: 2, reason: '>= 55 Tahun' },
        notes: 'batuk lama',
        patient: { name: 'Siti Aminah', contact: { phone: '081234567890', locale: 'id' } },
        referringDoctor: 'dr. Andi',
        sentAt: '2026-12-07T01:00:00.000Z',
      },
      ctx,
    );
    const message = referralProjection(event);
    expect(message).toEqual({
      event: 'referral.sent',
      data: {
        eventId: event.id,
        occurredAt: event.occurredAt,
        id: ref.referralId,
        number: ref.referralNumber,
        status: 'sent',
        originFacilityCode: '9913P001',
        destinationFacilityCode: '9913R001',
        poliCode: 'INT',
        diagnosisCode: 'J06.9',
        nonSpecialist: true,
        referralDate: '2026-12-07',
        plannedVisitDate: '2026-12-09',
        validUntil: '2027-03-07',
      },
    });
    const text = JSON.stringify(message);
    for (const secret of ['Siti', '0812', 'p_abc', 'batuk', 'dr. Andi', '55 Tahun']) {
      expect(text).not.toContain(secret);
    }
    expect(referralAudience(event)).toEqual(['9913P001', '9913R001']);
  });

  it('names statuses as the API does and carries the appointment of a scheduled referral', () => {
    const event = buildEvent(
      'referral.scheduled',
      {
        ...ref,
        bookingCode: 'ABC12345',
        displayNumber: 'INT-004',
        visitDate: '2026-12-09',
        at: '2026-12-07T02:00:00.000Z',
      },
      ctx,
    );
    const { data } = referralProjection(event);
    expect(data).toMatchObject({ status: 'scheduled', visitDate: '2026-12-09' });
    expect(JSON.stringify(data)).not.toContain('ABC12345');
    const noShow = buildEvent('referral.no-show', { ...ref, at: event.occurredAt }, ctx);
    expect(referralProjection(noShow).data.status).toBe('no_show');
  });

  it('sends a forwarded referral to the FKTP, the hospital that forwarded it and the new one', () => {
    const event = buildEvent(
      'referral.forwarded',
      { ...ref, toFacilityCode: '9913R002', reason: 'poli penuh', at: '2026-12-07T03:00:00.000Z' },
      { ...ctx, key: '9913R002' },
    );
    expect(referralProjection(event).data).toMatchObject({
      status: 'forwarded',
      destinationFacilityCode: '9913R002',
      forwardedFrom: '9913R001',
    });
    expect(JSON.stringify(referralProjection(event))).not.toContain('poli penuh');
    expect(referralAudience(event)).toEqual(['9913P001', '9913R001', '9913R002']);
  });
});
