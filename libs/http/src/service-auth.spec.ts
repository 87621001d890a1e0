import 'reflect-metadata';
import { Body, Controller, Delete, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { HealthController, HealthModule, MetricsController } from '@app/observability';
import { HttpErrorFilter } from './error-filter';
import { serviceAuthHook } from './service-auth';
import { ServiceAuthExempt, serviceAuthExemption } from './service-auth-exempt';

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

  @Delete(':id')
  remove(): { ok: true } {
    received.push('deleted');
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

@Module({
  imports: [HealthModule.forRoot('test', [])],
  controllers: [ThingsController, OutsideController],
})
class ThingsModule {}

describe('service authentication (serviceAuthHook)', () => {
  let app: NestFastifyApplication;

  beforeAll(async () => {
    app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), {
      logger: false,
    });
    app.useGlobalFilters(new HttpErrorFilter());
    app
      .getHttpAdapter()
      .getInstance()
      .addHook('onRequest', serviceAuthHook(ThingsModule, [CURRENT, PREVIOUS]));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });

  afterAll(() => app.close());

  const inject = (
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    headers: Record<string, string>,
    payload?: string,
  ) => app.getHttpAdapter().getInstance().inject({ method, url, headers, payload });
  const call = (method: 'GET' | 'POST', url: string, authorization?: string) =>
    inject(
      method,
      url,
      {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      method === 'POST' ? '{"a":1}' : undefined,
    );

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

  it('refuses before the body is parsed: an unreadable body or an unknown path says nothing', async () => {
    for (const [method, url, payload] of [
      ['POST', '/things', '{not json'],
      ['DELETE', '/things/1', undefined],
      ['GET', '/nothing-here', undefined],
    ] as const) {
      const res = await inject(method, url, { 'content-type': 'application/json' }, payload);
      expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({
        url,
        status: 401,
        code: 'COMMON.SERVICE_AUTH_REQUIRED',
      });
    }
    expect(received).not.toContain('deleted');
  });

  it('lets exempt handlers and controllers through without a token', async () => {
    expect((await call('GET', '/things/open')).json()).toEqual({ open: true });
    expect((await call('GET', '/outside')).json()).toEqual({ hello: true });
    expect((await inject('GET', '/health/live', {})).statusCode).toBe(200);
  });

  it('exempts the probes and the Prometheus scrape, with a reason', () => {
    for (const c of [HealthController, MetricsController])
      expect(serviceAuthExemption(c, c.prototype)).toMatch(/.{20}/);
  });

  it('refuses to be built without a token', () => {
    expect(() => serviceAuthHook(ThingsModule, [])).toThrow();
    expect(() => serviceAuthHook(ThingsModule, [CURRENT, ''])).toThrow();
  });
});
