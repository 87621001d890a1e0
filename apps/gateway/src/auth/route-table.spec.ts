import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Post } from '@nestjs/common';
import { GatewayModule } from '../app.module';
import type { GatewayConfig } from '../config';
import { Access, Public } from './access';
import { controllersOf, declaredRoutes, describeAccess } from './route-table';

@Controller('api/v1/example')
class ExampleController {
  @Get()
  @Public('test')
  open(): void {}

  @Post()
  @Access({ roles: ['desk'] })
  guarded(): void {}

  @Get('new')
  forgotten(): void {}
}

const config = {
  GATEWAY_DATABASE_URL: 'postgresql://x@h/db',
  KAFKA_BROKERS: ['h:1'],
  REDIS_URL: 'redis://h',
  QUEUE_SERVICE_URL: 'http://q',
  REFERRAL_SERVICE_URL: 'http://r',
  NOTIFICATION_SERVICE_URL: 'http://n',
} as unknown as GatewayConfig;

describe('route access table', () => {
  it('finds an undeclared route (the guard refuses it, the access matrix fails on it)', () => {
    const routes = declaredRoutes([ExampleController]);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([
      'get /api/v1/example/new',
    ]);
  });

  it('has a declaration on every route the gateway module mounts', () => {
    const routes = declaredRoutes(controllersOf(GatewayModule.forRoot(config)));
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('is the roles table of the README, line for line', () => {
    // Cells compared without the padding Prettier adds.
    const squeeze = (t: string) => t.replace(/ *\| */g, '|');
    const readme = squeeze(readFileSync(join(__dirname, '../../README.md'), 'utf8'));
    const missing = declaredRoutes(controllersOf(GatewayModule.forRoot(config)))
      .map((r) => `| \`${r.method.toUpperCase()} ${r.path}\` | ${describeAccess(r.access)} |`)
      .filter((line) => !readme.includes(squeeze(line)));
    expect(missing).toEqual([]);
  });
});
