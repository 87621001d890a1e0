import { z } from 'zod';

/** Who uses the system (issue #7). Staff roles but system_admin and district_officer are of one facility. */
export const ROLES = [
  'patient',
  'desk',
  'fktp_doctor',
  'hospital_referral',
  'facility_admin',
  'district_officer',
  'system_admin',
] as const;
export type Role = (typeof ROLES)[number];
export const roleSchema = z.enum(ROLES);

export const STAFF_ROLES = ROLES.filter((r) => r !== 'patient');
export type StaffRole = Exclude<Role, 'patient'>;
/** Roles that belong to exactly one facility (the account's facilityCode). */
export const FACILITY_ROLES: readonly Role[] = [
  'desk',
  'fktp_doctor',
  'hospital_referral',
  'facility_admin',
];

/** An account as the API shows it (never its password hash). */
export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  facilityCode: string | null;
  district: string | null;
}

/** Who sends a request, as its access token says. */
export interface Principal {
  role: Role;
  /** Staff account id, `patient:<bookingCode>` or `patient:referral:<referralNumber>`. */
  subject: string;
  username: string | null;
  facilityCode: string | null;
  district: string | null;
  /**
   * Patient tokens: the one booking or referral they were issued for, and the patient's reference
   * when known (a referral's token always has it: it also opens the patient's other referrals).
   */
  bookingCode: string | null;
  referralNumber: string | null;
  patientRef: string | null;
  jti: string;
  /** Expiry, seconds since the epoch. */
  exp: number;
}
