import { type Type } from '@nestjs/common';
import { handledRoutesOf } from '@app/http';
import { accessOf, type AccessSpec } from './access';

export { controllersOf } from '@app/http';

export interface DeclaredRoute {
  method: string;
  /** OpenAPI syntax: /api/v1/tickets/{bookingCode} */
  path: string;
  controller: string;
  handler: string;
  /** undefined = not declared (the guard refuses it; the access-matrix test fails on it). */
  access: AccessSpec | undefined;
}

/** Every HTTP route of the controllers with its access declaration, from Nest's own metadata. */
export function declaredRoutes(controllers: ReadonlyArray<Type<unknown>>): DeclaredRoute[] {
  return handledRoutesOf(controllers).map((r) => ({
    method: r.method,
    path: r.path,
    controller: r.controller.name,
    handler: r.handlerName,
    access: accessOf(r.controller, r.handler),
  }));
}

/** One line of the README's roles table. */
export function describeAccess(access: AccessSpec | undefined): string {
  if (!access) return '**undeclared (refused)**';
  if (access.public) return `public — ${access.reason}`;
  const scopes = (['facility', 'district', 'booking', 'referral', 'patientReferral'] as const)
    .filter((k) => access[k])
    .map((k) => `${k} = ${access[k]}`);
  return [access.roles.join(', '), ...scopes].join('; ');
}
