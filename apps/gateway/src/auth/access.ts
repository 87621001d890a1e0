import { SetMetadata, type Type } from '@nestjs/common';
import type { Role } from './roles';

/** Where a scope value is read from: a path parameter, a query parameter or a body field. */
export type ScopeSource = `param:${string}` | `query:${string}` | `body:${string}`;

/**
 * Who may use a route. Every HTTP route of the gateway carries one (the guard refuses a route
 * without, and the access-matrix test fails on it).
 * - `public`: anyone, no token needed.
 * - `roles`: the roles allowed (system_admin always is; facility_admin is wherever a role of its
 *   facility is); then, if given, the scopes the principal must match:
 *   `facility` (the account's facility), `district` (a district officer's district), `booking` (a
 *   patient's own booking, or staff of the ticket's facility), `referral` (staff of the referral's
 *   origin or destination, by role), `patientReferral` (a patient's own referral, by number: the
 *   one their token was issued for, or one of their patientRef).
 */
export type AccessSpec =
  | { public: true; reason: string }
  | {
      public?: false;
      roles: readonly Role[];
      facility?: ScopeSource;
      district?: ScopeSource;
      booking?: ScopeSource;
      referral?: ScopeSource;
      patientReferral?: ScopeSource;
    };

export const ACCESS_METADATA = 'gateway:access';

export const Access = (spec: Exclude<AccessSpec, { public: true }>) =>
  SetMetadata(ACCESS_METADATA, spec);

/** Open to anyone; `reason` says why that is right (it shows in the roles table). */
export const Public = (reason: string) =>
  SetMetadata(ACCESS_METADATA, { public: true, reason } satisfies AccessSpec);

/** Declares access for a controller the gateway mounts from a library (health, metrics). */
export function declareAccess(controller: Type<unknown>, spec: AccessSpec): void {
  Reflect.defineMetadata(ACCESS_METADATA, spec, controller);
}

/** The spec of a handler (its own, else its controller's), or undefined when undeclared. */
export function accessOf(controller: Type<unknown>, handler: object): AccessSpec | undefined {
  return (Reflect.getMetadata(ACCESS_METADATA, handler) ??
    Reflect.getMetadata(ACCESS_METADATA, controller)) as AccessSpec | undefined;
}

export interface RequestParts {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
}

export function readScope(source: ScopeSource, req: RequestParts): string | undefined {
  const [where, name] = source.split(':', 2) as ['param' | 'query' | 'body', string];
  const from =
    where === 'param' ? req.params : where === 'query' ? req.query : (req.body as object | null);
  const value = (from as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value : undefined;
}
