import { RequestMethod, type DynamicModule, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { toOpenApiPath } from '@app/http';
import { accessOf, type AccessSpec } from './access';

export interface DeclaredRoute {
  method: string;
  /** OpenAPI syntax: /api/v1/tickets/{bookingCode} */
  path: string;
  controller: string;
  handler: string;
  /** undefined = not declared (the guard refuses it; the access-matrix test fails on it). */
  access: AccessSpec | undefined;
}

type ModuleLike = Type<unknown> | DynamicModule | Promise<DynamicModule> | undefined;

/** Every controller a module mounts, its imports' included (what Nest will route). */
export function controllersOf(root: ModuleLike): Array<Type<unknown>> {
  const found = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const walk = (m: ModuleLike): void => {
    if (!m || seen.has(m) || m instanceof Promise) return;
    seen.add(m);
    const dynamic = 'module' in m ? m : undefined;
    const cls = (dynamic ? dynamic.module : m) as Type<unknown>;
    const controllers = [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, cls) as Array<Type<unknown>>) ?? []),
      ...(dynamic?.controllers ?? []),
    ];
    for (const c of controllers) found.add(c);
    const imports = [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, cls) as ModuleLike[]) ?? []),
      ...((dynamic?.imports ?? []) as ModuleLike[]),
    ];
    for (const i of imports) walk(i);
  };
  walk(root);
  return [...found];
}

const join = (base: string, path: string) =>
  toOpenApiPath(
    `/${[base, path]
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/')}`,
  );
const asList = (meta: unknown): string[] =>
  (Array.isArray(meta) ? meta : [meta]).map((p) => (typeof p === 'string' ? p : ''));

/** Every HTTP route of the controllers with its access declaration, from Nest's own metadata. */
export function declaredRoutes(controllers: ReadonlyArray<Type<unknown>>): DeclaredRoute[] {
  const routes: DeclaredRoute[] = [];
  for (const controller of controllers) {
    const bases = asList(Reflect.getMetadata(PATH_METADATA, controller));
    for (const name of Object.getOwnPropertyNames(controller.prototype)) {
      if (name === 'constructor') continue;
      const handler = Object.getOwnPropertyDescriptor(controller.prototype, name)?.value as unknown;
      if (typeof handler !== 'function') continue;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      for (const base of bases)
        for (const p of asList(path))
          routes.push({
            method: RequestMethod[method].toLowerCase(),
            path: join(base, p),
            controller: controller.name,
            handler: name,
            access: accessOf(controller, handler),
          });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
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
