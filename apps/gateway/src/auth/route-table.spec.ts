import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Post } from '@nestjs/common';
import { Access, Public } from './access';
import { mountedControllers } from './mounted-routes.testing';
import { declaredRoutes, describeAccess } from './route-table';

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

describe('route access table', () => {
  it('finds an undeclared route (the guard refuses it, the access matrix fails on it)', () => {
    const routes = declaredRoutes([ExampleController]);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([
      'get /api/v1/example/new',
    ]);
  });

  it('has a declaration on every route the gateway module mounts', () => {
    const routes = declaredRoutes(mountedControllers());
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it('is the roles table of the README, line for line', () => {
    // Cells compared without the padding Prettier adds.
    const squeeze = (t: string) => t.replace(/ *\| */g, '|');
    const readme = squeeze(readFileSync(join(__dirname, '../../README.md'), 'utf8'));
    const missing = declaredRoutes(mountedControllers())
      .map((r) => `| \`${r.method.toUpperCase()} ${r.path}\` | ${describeAccess(r.access)} |`)
      .filter((line) => !readme.includes(squeeze(line)));
    expect(missing).toEqual([]);
  });
});
