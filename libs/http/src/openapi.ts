import {
  Controller,
  Get,
  RequestMethod,
  type DynamicModule,
  type ForwardReference,
  type Type,
} from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { z } from 'zod';
import { CommonErrorCode, DomainError } from './domain-error';
import { HttpErrorFilter, type StatusTable } from './error-filter';
import { ServiceAuthExempt } from './service-auth-exempt';

/**
 * OpenAPI 3.1 documents generated from the zod schemas the routes validate with. Each service keeps
 * one route table; its spec holds the table against Nest's own route metadata (routesOfControllers).
 */

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: HttpMethod;
  /** OpenAPI syntax (`/v1/tickets/{bookingCode}`); Nest's `:bookingCode` is accepted too. */
  path: string;
  /** Bahasa Indonesia or English, as the service's readers need. */
  summary: string;
  description?: string;
  /** Schemas of path parameters by name; a parameter without one is a plain string. */
  params?: z.ZodObject;
  query?: z.ZodType;
  headers?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Success status; 200 when absent. */
  status?: number;
  /** Other success statuses answering with the same body (e.g. 200 on an idempotent replay). */
  alsoStatus?: Record<number, string>;
  /** Media type of the success body; application/json when absent. */
  contentType?: string;
  /** Stable error codes the route can answer with. COMMON.INTERNAL (500) is added to every route. */
  errors: readonly string[];
  /**
   * Answers without the service token (its controller is @ServiceAuthExempt; each service's spec
   * holds the two together). Otherwise, in a document with `serviceAuth`, the route requires the
   * token and can answer 401 COMMON.SERVICE_AUTH_REQUIRED.
   */
  exemptFromServiceAuth?: true;
  /** OpenAPI security requirements; `[]` says no credential is needed. Absent: not stated. */
  security?: ReadonlyArray<Record<string, readonly string[]>>;
  /** Specification extensions of the operation (`x-roles`, `x-upstream`, ...). */
  extensions?: Record<`x-${string}`, unknown>;
}

export interface OpenApiOptions {
  title: string;
  version: string;
  description: string;
  routes: readonly Route[];
  /** The service's code → status table, the one its HttpErrorFilter gets (COMMON.* is added). */
  errorStatus: StatusTable;
  /** More top-level members (e.g. `webhooks`). */
  extra?: Record<string, unknown>;
  /** An internal service: routes require `Authorization: Bearer <INTERNAL_API_TOKEN>` unless exempt. */
  serviceAuth?: boolean;
  /** components.securitySchemes, for routes that name a `security` requirement. */
  securitySchemes?: Record<string, unknown>;
}

export interface OpenApiResponse {
  description: string;
  'x-error-codes'?: string[];
  content?: Record<string, { schema: unknown }>;
}
export interface OpenApiOperation {
  summary: string;
  description?: string;
  parameters: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  requestBody?: { required: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<string, OpenApiResponse>;
  security?: ReadonlyArray<Record<string, readonly string[]>>;
  [extension: `x-${string}`]: unknown;
}
export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<HttpMethod, OpenApiOperation>>>;
  components: { schemas: Record<string, unknown>; securitySchemes?: Record<string, unknown> };
  /** Every stable code with the HTTP status it is answered with. */
  'x-error-codes': Record<string, number>;
  [extra: string]: unknown;
}

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    errorId: z.string().optional().describe('Hanya untuk COMMON.INTERNAL: sebutkan ke petugas'),
  }),
});

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const JSON_MEDIA = 'application/json';

export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const json: Record<string, unknown> = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  delete json.$schema; // the document's dialect already says 2020-12
  return json;
}

/** Nest's `:id` to OpenAPI's `{id}`. */
export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

/**
 * The status the HttpErrorFilter answers a code with: the very same mapping, not a copy of it
 * (unknown codes get the filter's 422; COMMON.INTERNAL is always 500).
 */
export function errorStatusOf(code: string, table: StatusTable): number {
  if (code === CommonErrorCode.Internal) return 500;
  return new HttpErrorFilter(table).toResponse(new DomainError(code, code))[0];
}

/** Codes the routes use that neither the service's table nor COMMON.* gives a status. */
export function unmappedErrorCodes(routes: readonly Route[], table: StatusTable): string[] {
  const known = new Set<string>([...Object.keys(table), ...Object.values(CommonErrorCode)]);
  return [...new Set(routes.flatMap((r) => r.errors))].filter((c) => !known.has(c)).sort();
}

function queryParameters(query: z.ZodType | undefined, where: 'query' | 'header') {
  if (!query) return [];
  const schema = jsonSchemaOf(query, 'input') as {
    properties?: Record<string, unknown>;
    required?: string[];
  };
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: schema.required?.includes(name) ?? false,
    schema: s,
  }));
}

function errorResponses(codes: readonly string[], table: StatusTable) {
  const byStatus = new Map<number, string[]>();
  for (const code of new Set([...codes, CommonErrorCode.Internal])) {
    const status = errorStatusOf(code, table);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]): [string, OpenApiResponse] => [
      String(status),
      {
        description: `Kode galat: ${list.join(', ')}`,
        'x-error-codes': list,
        content: {
          [JSON_MEDIA]: {
            schema: {
              allOf: [
                ERROR_REF,
                { properties: { error: { properties: { code: { enum: list } } } } },
              ],
            },
          },
        },
      },
    ]),
  );
}

const SERVICE_TOKEN_SCHEME = 'serviceToken';

function operation(r: Route, table: StatusTable, serviceAuth: boolean): OpenApiOperation {
  const guarded = serviceAuth && !r.exemptFromServiceAuth;
  const errors = guarded ? [CommonErrorCode.ServiceAuthRequired, ...r.errors] : r.errors;
  const path = toOpenApiPath(r.path);
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => {
    const s = r.params?.shape[name] as z.ZodType | undefined;
    return {
      name,
      in: 'path',
      required: true,
      schema: s ? jsonSchemaOf(s, 'input') : { type: 'string' },
    };
  });
  const ok: OpenApiResponse = {
    description: 'OK',
    ...(r.response
      ? {
          content: {
            [r.contentType ?? JSON_MEDIA]: { schema: jsonSchemaOf(r.response, 'output') },
          },
        }
      : {}),
  };
  return {
    ...r.extensions,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    ...(r.security ? { security: r.security } : serviceAuth && !guarded ? { security: [] } : {}),
    parameters: [
      ...pathParams,
      ...queryParameters(r.query, 'query'),
      ...queryParameters(r.headers, 'header'),
    ],
    ...(r.body
      ? {
          requestBody: {
            required: true,
            content: { [JSON_MEDIA]: { schema: jsonSchemaOf(r.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(r.status ?? 200)]: ok,
      ...Object.fromEntries(
        Object.entries(r.alsoStatus ?? {}).map(([s, description]) => [s, { ...ok, description }]),
      ),
      ...errorResponses(errors, table),
    },
  };
}

/** The OpenAPI 3.1 document of a service, from its route table and its error status table. */
export function buildOpenApiDocument(o: OpenApiOptions): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const r of o.routes) {
    const path = toOpenApiPath(r.path);
    if (paths[path]?.[r.method]) throw new Error(`OpenAPI: ${r.method} ${path} listed twice`);
    paths[path] = {
      ...paths[path],
      [r.method]: operation(r, o.errorStatus, o.serviceAuth ?? false),
    };
  }
  const codes = [...Object.values(CommonErrorCode), ...Object.keys(o.errorStatus)];
  return {
    ...o.extra,
    openapi: '3.1.0',
    info: { title: o.title, version: o.version, description: o.description },
    paths,
    ...(o.serviceAuth ? { security: [{ [SERVICE_TOKEN_SCHEME]: [] }] } : {}),
    components: {
      schemas: { Error: jsonSchemaOf(errorBodySchema, 'output') },
      ...(o.serviceAuth || o.securitySchemes
        ? {
            securitySchemes: {
              ...(o.serviceAuth
                ? {
                    [SERVICE_TOKEN_SCHEME]: {
                      type: 'http',
                      scheme: 'bearer',
                      description:
                        'INTERNAL_API_TOKEN (or INTERNAL_API_TOKEN_PREVIOUS during a rotation)',
                    },
                  }
                : {}),
              ...o.securitySchemes,
            },
          }
        : {}),
    },
    'x-error-codes': Object.fromEntries(codes.map((c) => [c, errorStatusOf(c, o.errorStatus)])),
  };
}

/** `GET /openapi.json` (or `path`), serving a document built once, when the controller is created. */
export function openApiController(
  build: () => OpenApiDocument,
  path = 'openapi.json',
): Type<unknown> {
  @ServiceAuthExempt(
    'describes the routes, holds no data; every route it lists that reads or changes data needs the token',
  )
  @Controller()
  class OpenApiController {
    private readonly document = build();

    @Get(path)
    openapi(): OpenApiDocument {
      return this.document;
    }
  }
  return OpenApiController;
}

/** Routes of @app/observability's HealthController and MetricsController, for every service. */
export const OBSERVABILITY_ROUTES: readonly Route[] = ((): Route[] => {
  const health = z.object({
    status: z.enum(['up', 'down']),
    service: z.string(),
    checks: z.record(
      z.string(),
      z.object({
        status: z.enum(['up', 'down']),
        error: z.string().optional(),
        latencyMs: z.number(),
      }),
    ),
  });
  const down = { 503: 'Ada dependensi yang tidak menjawab' };
  return [
    {
      method: 'get',
      path: '/health',
      summary: 'Kesiapan: semua dependensi menjawab',
      response: health,
      alsoStatus: down,
      errors: [],
      exemptFromServiceAuth: true,
    },
    {
      method: 'get',
      path: '/health/ready',
      summary: 'Kesiapan: semua dependensi menjawab',
      response: health,
      alsoStatus: down,
      errors: [],
      exemptFromServiceAuth: true,
    },
    {
      method: 'get',
      path: '/health/live',
      summary: 'Keaktifan: proses berjalan',
      response: z.object({ status: z.literal('up') }),
      errors: [],
      exemptFromServiceAuth: true,
    },
    {
      method: 'get',
      path: '/metrics',
      summary: 'Metrik Prometheus',
      response: z.string(),
      contentType: 'text/plain',
      errors: [],
      exemptFromServiceAuth: true,
    },
  ];
})();

/** `GET /openapi.json` of every service (openApiController). */
export const OPENAPI_DOCUMENT_ROUTE: Route = {
  method: 'get',
  path: '/openapi.json',
  summary: 'Dokumen ini',
  response: z.object({ openapi: z.string() }).loose(),
  errors: [],
  exemptFromServiceAuth: true,
};

export interface RouteKey {
  method: string;
  path: string;
}

const joinPath = (base: string, path: string) =>
  toOpenApiPath(
    `/${[base, path]
      .flatMap((p) => p.split('/'))
      .filter(Boolean)
      .join('/')}`,
  );
const pathsOf = (meta: unknown): string[] =>
  (Array.isArray(meta) ? meta : [meta]).map((p) => (typeof p === 'string' ? p : ''));

/** A route with the controller and handler function that serve it (for their metadata). */
export interface HandledRoute extends RouteKey {
  controller: Type<unknown>;
  handlerName: string;
  handler: object;
}

/**
 * Every HTTP route the controllers declare, read from Nest's own metadata (PATH_METADATA and
 * METHOD_METADATA on the class and its handlers, inherited ones included), in OpenAPI path syntax.
 * Handlers without an HTTP method (Kafka @EventPattern) are skipped.
 */
export function routesOfControllers(controllers: ReadonlyArray<Type<unknown>>): RouteKey[] {
  return handledRoutesOf(controllers).map(({ method, path }) => ({ method, path }));
}

/** As routesOfControllers, with the controller and handler of each route. */
export function handledRoutesOf(controllers: ReadonlyArray<Type<unknown>>): HandledRoute[] {
  const routes: HandledRoute[] = [];
  for (const controller of controllers) {
    const bases = pathsOf(Reflect.getMetadata(PATH_METADATA, controller));
    const seen = new Set<string>();
    for (
      let proto = controller.prototype as object | null;
      proto && proto !== Object.prototype;
      proto = Object.getPrototypeOf(proto) as object | null
    ) {
      for (const name of Object.getOwnPropertyNames(proto)) {
        if (name === 'constructor' || seen.has(name)) continue;
        seen.add(name);
        const handler = Object.getOwnPropertyDescriptor(proto, name)?.value as unknown;
        if (typeof handler !== 'function') continue;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as unknown;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (path === undefined || method === undefined) continue;
        for (const base of bases)
          for (const p of pathsOf(path))
            routes.push({
              method: RequestMethod[method].toLowerCase(),
              path: joinPath(base, p),
              controller,
              handlerName: name,
              handler,
            });
      }
    }
  }
  return sortRoutes(routes);
}

/** Every operation of a document. */
export function routesOfDocument(doc: OpenApiDocument): RouteKey[] {
  return sortRoutes(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method, path })),
    ),
  );
}

type ModuleLike =
  Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference | undefined;

/** Every controller a module mounts, its imports' included (what Nest will route). */
export function controllersOf(root: ModuleLike): Array<Type<unknown>> {
  const found = new Set<Type<unknown>>();
  const seen = new Set<unknown>();
  const walk = (m: ModuleLike): void => {
    if (!m || seen.has(m) || m instanceof Promise || 'forwardRef' in m) return;
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

function sortRoutes<R extends RouteKey>(routes: R[]): R[] {
  const key = (r: R) => `${r.path} ${r.method}`;
  return routes.sort((a, b) => key(a).localeCompare(key(b)));
}
