import { Controller, Delete, Get, HttpStatus, Post, Put } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { HealthController, MetricsController } from '@app/observability';
import { z } from 'zod';
import {
  buildOpenApiDocument,
  errorStatusOf,
  OBSERVABILITY_ROUTES,
  openApiController,
  routesOfControllers,
  routesOfDocument,
  unmappedErrorCodes,
  type Route,
} from './openapi';

@Controller('v1/things')
class ThingsController {
  @Get()
  list(): void {}
  @Get(':id')
  one(): void {}
  @Put(':id/parts/:part')
  part(): void {}
  @EventPattern('things.changed')
  onEvent(): void {}
  helper(): void {}
}
class MoreThingsController extends ThingsController {
  @Delete(':id')
  remove(): void {}
}
@Controller()
class RootController {
  @Post(['a', 'b'])
  twice(): void {}
}

const table = { 'THING.NOT_FOUND': HttpStatus.NOT_FOUND, 'THING.BUSY': HttpStatus.CONFLICT };
const routes: Route[] = [
  {
    method: 'get',
    path: '/v1/things/:id',
    summary: 'Satu benda',
    params: z.object({ id: z.uuid() }),
    query: z.object({ full: z.coerce.boolean().default(false), lang: z.enum(['id', 'en']) }),
    response: z.object({ id: z.uuid(), name: z.string() }),
    errors: ['COMMON.VALIDATION_FAILED', 'THING.NOT_FOUND', 'THING.GONE'],
  },
  {
    method: 'post',
    path: '/v1/things',
    summary: 'Buat benda',
    body: z.object({ name: z.string().min(1) }).strict(),
    status: 201,
    alsoStatus: { 200: 'Sudah ada' },
    errors: ['THING.BUSY', 'COMMON.VALIDATION_FAILED'],
  },
];

describe('routesOfControllers', () => {
  it('reads HTTP routes from Nest metadata, in OpenAPI path syntax, inherited ones too', () => {
    expect(routesOfControllers([MoreThingsController, RootController])).toEqual([
      { method: 'post', path: '/a' },
      { method: 'post', path: '/b' },
      { method: 'get', path: '/v1/things' },
      { method: 'delete', path: '/v1/things/{id}' },
      { method: 'get', path: '/v1/things/{id}' },
      { method: 'put', path: '/v1/things/{id}/parts/{part}' },
    ]);
  });

  it('covers the observability routes every service mounts', () => {
    const doc = buildOpenApiDocument({
      title: 't',
      version: '1',
      description: 'd',
      routes: OBSERVABILITY_ROUTES,
      errorStatus: {},
    });
    expect(routesOfDocument(doc)).toEqual(
      routesOfControllers([HealthController, MetricsController]),
    );
    expect(Object.keys(doc.paths['/metrics'].get!.responses['200'].content!)).toEqual([
      'text/plain',
    ]);
  });
});

describe('buildOpenApiDocument', () => {
  const doc = buildOpenApiDocument({
    title: 'things',
    version: '1.0.0',
    description: 'Benda',
    routes,
    errorStatus: table,
    extra: { webhooks: {} },
  });

  it('is OpenAPI 3.1 with the error body as a component and every code with its status', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.webhooks).toEqual({});
    expect(doc.components.schemas.Error).toMatchObject({
      type: 'object',
      required: ['error'],
      properties: { error: { required: ['code', 'message'] } },
    });
    expect(doc['x-error-codes']).toMatchObject({
      'THING.NOT_FOUND': 404,
      'THING.BUSY': 409,
      'COMMON.VALIDATION_FAILED': 400,
      'COMMON.RATE_LIMITED': 429,
      'COMMON.INTERNAL': 500,
    });
  });

  it('groups error codes by the status the HttpErrorFilter answers with', () => {
    const get = doc.paths['/v1/things/{id}'].get!;
    expect(Object.keys(get.responses)).toEqual(['200', '400', '404', '422', '500']);
    expect(get.responses['404']).toMatchObject({
      description: 'Kode galat: THING.NOT_FOUND',
      'x-error-codes': ['THING.NOT_FOUND'],
      content: {
        'application/json': {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Error' },
              { properties: { error: { properties: { code: { enum: ['THING.NOT_FOUND'] } } } } },
            ],
          },
        },
      },
    });
    expect(get.responses['422']['x-error-codes']).toEqual(['THING.GONE']);
    expect(get.responses['500']['x-error-codes']).toEqual(['COMMON.INTERNAL']);
  });

  it('describes parameters, bodies and responses from the zod schemas', () => {
    const get = doc.paths['/v1/things/{id}'].get!;
    expect(get.parameters).toEqual([
      {
        name: 'id',
        in: 'path',
        required: true,
        schema: expect.objectContaining({ format: 'uuid' }),
      },
      { name: 'full', in: 'query', required: false, schema: expect.anything() },
      { name: 'lang', in: 'query', required: true, schema: { type: 'string', enum: ['id', 'en'] } },
    ]);
    expect(get.responses['200'].content!['application/json'].schema).toMatchObject({
      properties: { id: expect.anything(), name: { type: 'string' } },
    });
    const post = doc.paths['/v1/things'].post!;
    expect(post.requestBody!.content['application/json'].schema).toMatchObject({
      additionalProperties: false,
      required: ['name'],
    });
    expect(Object.keys(post.responses)).toEqual(['200', '201', '400', '409', '500']);
    expect(post.responses['200'].description).toBe('Sudah ada');
  });

  it('refuses a route listed twice', () => {
    expect(() =>
      buildOpenApiDocument({
        title: 't',
        version: '1',
        description: 'd',
        routes: [routes[0], { ...routes[0], path: '/v1/things/{id}' }],
        errorStatus: {},
      }),
    ).toThrow('get /v1/things/{id} listed twice');
  });
});

describe('error codes', () => {
  it('resolves a status exactly as the error filter does', () => {
    expect(errorStatusOf('THING.BUSY', table)).toBe(409);
    expect(errorStatusOf('COMMON.NOT_FOUND', table)).toBe(404);
    expect(errorStatusOf('COMMON.INTERNAL', table)).toBe(500);
    expect(errorStatusOf('THING.UNLISTED', table)).toBe(422);
  });

  it('names the codes no table gives a status', () => {
    expect(unmappedErrorCodes(routes, table)).toEqual(['THING.GONE']);
  });
});

describe('openApiController', () => {
  it('serves the document at GET /openapi.json, built once', () => {
    const build = jest.fn(() =>
      buildOpenApiDocument({ title: 't', version: '1', description: 'd', routes, errorStatus: {} }),
    );
    const Ctl = openApiController(build);
    expect(routesOfControllers([Ctl])).toEqual([{ method: 'get', path: '/openapi.json' }]);
    const ctl = new Ctl() as { openapi(): unknown };
    expect(ctl.openapi()).toBe(ctl.openapi());
    expect(build).toHaveBeenCalledTimes(1);
  });
});
