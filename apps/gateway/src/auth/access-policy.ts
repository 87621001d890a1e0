import { DomainError } from '@app/http';
import type { AccessSpec } from './access';
import { AUTH_MESSAGES, AuthErrorCode } from './auth-errors';
import { FACILITY_ROLES, type Principal, type Role } from './roles';

export const forbidden = () => new DomainError(AuthErrorCode.Forbidden, AUTH_MESSAGES.forbidden);
export const facilityForbidden = () =>
  new DomainError(AuthErrorCode.FacilityForbidden, AUTH_MESSAGES.facilityForbidden);

/**
 * Whether a role may use a route that allows `roles`: system_admin everywhere, facility_admin
 * wherever a role of one facility is allowed, others when listed.
 */
export function roleAllowed(role: Role, roles: readonly Role[]): boolean {
  if (role === 'system_admin' || roles.includes(role)) return true;
  return role === 'facility_admin' && roles.some((r) => FACILITY_ROLES.includes(r));
}

/** A referral's parties, as referral-service reads them. */
export interface ReferralParties {
  originFacilityCode: string;
  destinationFacilityCode: string;
  forwardedFrom: string | null;
}

/**
 * Whether a principal may see or act on a referral on a route allowing `roles`: an FKTP doctor
 * as its origin, hospital referral staff as its destination (or, reading, the hospital that
 * forwarded it), a facility admin as whichever of those the route's roles allow.
 */
export function referralAllowed(
  principal: Principal,
  parties: ReferralParties,
  mode: 'read' | 'act',
  roles: readonly Role[],
): boolean {
  if (principal.role === 'system_admin') return true;
  const f = principal.facilityCode;
  if (!f) return false;
  const asOrigin = parties.originFacilityCode === f;
  const asDestination =
    parties.destinationFacilityCode === f || (mode === 'read' && parties.forwardedFrom === f);
  const as = (role: Role) =>
    (role === 'fktp_doctor' && asOrigin) || (role === 'hospital_referral' && asDestination);
  if (principal.role === 'facility_admin') return roles.some(as);
  return as(principal.role);
}

export const notYours = () =>
  new DomainError(AuthErrorCode.FacilityForbidden, AUTH_MESSAGES.notYours);

/**
 * Whether a patient may read a referral: the one their token was issued for, or one whose patient
 * is theirs (`owner`: the referral's patientRef, null when unknown or not found). Anything else is
 * refused alike, so a patient cannot learn which numbers exist.
 */
export function ownReferral(principal: Principal, number: string, owner: string | null): boolean {
  if (principal.role !== 'patient') return false;
  if (principal.referralNumber === number) return true;
  return owner !== null && principal.patientRef !== null && owner === principal.patientRef;
}

/** Whether a patient token reaches an inbox recipient: only its own patientRef. */
export function ownInbox(principal: Principal, recipient: string): boolean {
  return (
    principal.role === 'patient' &&
    principal.patientRef !== null &&
    principal.patientRef === recipient
  );
}

/**
 * The checks that need nothing but the token and the request: role, facility, district and a
 * patient's own booking. Throws the contract's DomainError when refused. Scopes that need a
 * lookup (the ticket's facility for staff, a referral's parties) are left to the caller.
 */
export function checkStatic(
  spec: Exclude<AccessSpec, { public: true }>,
  principal: Principal,
  scope: { facility?: string; district?: string; booking?: string },
): void {
  if (!roleAllowed(principal.role, spec.roles)) throw forbidden();
  if (principal.role === 'system_admin') return;
  if (spec.facility && (!scope.facility || scope.facility !== principal.facilityCode))
    throw facilityForbidden();
  if (spec.district && (!scope.district || scope.district !== principal.district))
    throw facilityForbidden();
  if (spec.booking && principal.role === 'patient' && scope.booking !== principal.bookingCode)
    throw facilityForbidden();
}
