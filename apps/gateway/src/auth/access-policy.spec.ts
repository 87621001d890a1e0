import { checkStatic, ownInbox, ownReferral, referralAllowed, roleAllowed } from './access-policy';
import type { Principal, Role } from './roles';

const who = (role: Role, facilityCode: string | null = 'F1', extra: Partial<Principal> = {}) =>
  ({
    role,
    subject: 's',
    username: 'u',
    facilityCode,
    district: null,
    bookingCode: null,
    referralNumber: null,
    patientRef: null,
    jti: 'j',
    exp: 0,
    ...extra,
  }) satisfies Principal;

describe('access policy', () => {
  it('lets system_admin everywhere and facility_admin where a facility role is', () => {
    expect(roleAllowed('system_admin', ['district_officer'])).toBe(true);
    expect(roleAllowed('facility_admin', ['desk'])).toBe(true);
    expect(roleAllowed('facility_admin', ['district_officer'])).toBe(false);
    expect(roleAllowed('desk', ['fktp_doctor'])).toBe(false);
    expect(roleAllowed('patient', ['desk'])).toBe(false);
  });

  it('refuses another facility, district or booking', () => {
    const spec = { roles: ['desk'] as Role[], facility: 'param:facilityCode' as const };
    expect(() => checkStatic(spec, who('desk'), { facility: 'F1' })).not.toThrow();
    expect(() => checkStatic(spec, who('desk'), { facility: 'F2' })).toThrow(
      expect.objectContaining({ code: 'AUTH.FACILITY_FORBIDDEN' }),
    );
    expect(() => checkStatic(spec, who('fktp_doctor'), { facility: 'F1' })).toThrow(
      expect.objectContaining({ code: 'AUTH.FORBIDDEN' }),
    );
    const district = { roles: ['district_officer'] as Role[], district: 'param:district' as const };
    const officer = who('district_officer', null, { district: 'Brebes' });
    expect(() => checkStatic(district, officer, { district: 'Tegal' })).toThrow();
    const booking = { roles: ['patient'] as Role[], booking: 'param:bookingCode' as const };
    const patient = who('patient', 'F1', { bookingCode: 'ABC123' });
    expect(() => checkStatic(booking, patient, { booking: 'ABC123' })).not.toThrow();
    expect(() => checkStatic(booking, patient, { booking: 'XYZ999' })).toThrow();
  });

  it('lets a referral be seen by its parties only, acted on by its side', () => {
    const r = { originFacilityCode: 'P1', destinationFacilityCode: 'R1', forwardedFrom: 'R0' };
    const both: Role[] = ['fktp_doctor', 'hospital_referral'];
    expect(referralAllowed(who('fktp_doctor', 'P1'), r, 'read', both)).toBe(true);
    expect(referralAllowed(who('hospital_referral', 'R1'), r, 'read', both)).toBe(true);
    expect(referralAllowed(who('hospital_referral', 'R0'), r, 'read', both)).toBe(true);
    expect(referralAllowed(who('hospital_referral', 'R0'), r, 'act', ['hospital_referral'])).toBe(
      false,
    );
    expect(referralAllowed(who('hospital_referral', 'R9'), r, 'read', both)).toBe(false);
    expect(referralAllowed(who('facility_admin', 'P1'), r, 'act', ['hospital_referral'])).toBe(
      false,
    );
    expect(referralAllowed(who('facility_admin', 'R1'), r, 'act', ['hospital_referral'])).toBe(
      true,
    );
  });

  it('lets a patient read the referral of their token, or one of their patientRef, nothing else', () => {
    const mine = '3329F0011226P000001';
    const theirs = '3329F0011226P000002';
    const byReferral = who('patient', null, { referralNumber: mine, patientRef: 'p_aaaaaaaa' });
    expect(ownReferral(byReferral, mine, null)).toBe(true);
    expect(ownReferral(byReferral, theirs, 'p_aaaaaaaa')).toBe(true); // another of their own
    expect(ownReferral(byReferral, theirs, 'p_bbbbbbbb')).toBe(false);
    expect(ownReferral(byReferral, theirs, null)).toBe(false); // unknown: refused alike
    // A ticket token without a patientRef opens no referral, even one whose owner is unknown.
    const byTicket = who('patient', 'F1', { bookingCode: 'ABC123' });
    expect(ownReferral(byTicket, mine, null)).toBe(false);
    expect(ownReferral(byTicket, mine, 'p_aaaaaaaa')).toBe(false);
    const ticketWithRef = who('patient', 'F1', { bookingCode: 'ABC123', patientRef: 'p_aaaaaaaa' });
    expect(ownReferral(ticketWithRef, mine, 'p_aaaaaaaa')).toBe(true);
    // Staff never pass as a patient, whatever the number.
    expect(
      ownReferral(who('hospital_referral', 'R1', { patientRef: 'p_aaaaaaaa' }), mine, 'p_aaaaaaaa'),
    ).toBe(false);
  });

  it('lets a patient subscribe to their own inbox only', () => {
    const p = who('patient', null, { referralNumber: 'N', patientRef: 'p_aaaaaaaa' });
    expect(ownInbox(p, 'p_aaaaaaaa')).toBe(true);
    expect(ownInbox(p, 'p_bbbbbbbb')).toBe(false);
    expect(ownInbox(who('patient', 'F1', { bookingCode: 'ABC123' }), 'p_aaaaaaaa')).toBe(false);
    expect(ownInbox(who('desk', 'F1', { patientRef: 'p_aaaaaaaa' }), 'p_aaaaaaaa')).toBe(false);
  });
});
