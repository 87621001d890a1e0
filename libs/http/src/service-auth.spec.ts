import 'reflect-metadata';
import { Body, Controller, Get, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { HealthController, MetricsController } from '@app/observability';
import { HttpErrorFilter } from './error-filter';
import { ServiceAuthExempt, ServiceAuthGuard, serviceAuthExemption } from './service-auth';

const CURRENT = 'c'.repeat(40);
const PREVIOUS = 'p'.repeat(40);

const received: unknown[] = [];

@Controller('things')
class ThingsController {
  @Get()
  list(): { ok: true } {
    return { ok: true };
  }

  @Post()
  create(@Body() body: unknown): { ok: true } {
    received.push(body);
    return { ok: true };
  }

  @ServiceAuthExempt('test: one open handler')
  @Get('open')
  open(): { open: true } {
    return { open: true };
  }
}

@ServiceAuthExempt('test: a whole open controller')
@Controller('outside')
class OutsideController {
  @Get()
  hello(): { hello: true } {
    return { hello: true };
  }
}

describe('ServiceAuthGuard', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      controllers: [ThingsController, OutsideController],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new HttpErrorFilter());
    app.useGlobalGuards(new ServiceAuthGuard([CURRENT, PREVIOUS]));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => (app as INestApplication).close());

  const call = (method: 'GET' | 'POST', url: string, authorization?: string) =>
    app.inject({
      method,
      url,
      headers: authorization === undefined ? {} : { authorization },
      ...(method === 'POST' ? { payload: { a: 1 } } : {}),
    });

  it('admits the current token and the previous one', async () => {
    expect((await call('GET', '/things', `Bearer ${CURRENT}`)).statusCode).toBe(200);
    expect((await call('GET', '/things', `Bearer ${PREVIOUS}`)).statusCode).toBe(200);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['wrong', `Bearer ${'w'.repeat(40)}`],
    ['malformed: no scheme', CURRENT],
    ['malformed: lower-case scheme', `bearer ${CURRENT}`],
    ['malformed: two spaces', `Bearer  ${CURRENT}`],
    ['malformed: a prefix of the token', `Bearer ${CURRENT.slice(1)}`],
  ])('refuses %s with 401 COMMON.SERVICE_AUTH_REQUIRED and runs nothing', async (_, auth) => {
    const before = received.length;
    const res = await call('POST', '/things', auth);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({
      error: { code: 'COMMON.SERVICE_AUTH_REQUIRED', message: expect.stringMatching(/Layanan/) },
    });
    expect(received).toHaveLength(before);
  });

  it('lets exempt handlers and controllers through without a token', async () => {
    expect((await call('GET', '/things/open')).json()).toEqual({ open: true });
    expect((await call('GET', '/outside')).json()).toEqual({ hello: true });
  });

  it('exempts the probes and the Prometheus scrape, with a reason', () => {
    for (const c of [HealthController, MetricsController])
      expect(serviceAuthExemption(c, c.prototype)).toMatch(/.{20}/);
  });

  it('refuses to be built without a token', () => {
    expect(() => new ServiceAuthGuard([])).toThrow();
    expect(() => new ServiceAuthGuard([CURRENT, ''])).toThrow();
  });
});
