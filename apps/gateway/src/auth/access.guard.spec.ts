import type { ExecutionContext } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import { Public } from './access';
import { AccessGuard } from './access.guard';
import type { RateLimiter } from './rate-limit';
import type { ScopeLookup } from './scope-lookup';
import type { AccessTokens } from './tokens';

class Undeclared {
  handler(): void {}
}
class Declared {
  @Public('test')
  handler(): void {}
}

const context = (cls: new () => object): ExecutionContext =>
  ({
    getType: () => 'http',
    getClass: () => cls,
    getHandler: () => (cls.prototype as { handler: () => void }).handler,
    switchToHttp: () => ({
      getRequest: () => ({ headers: {}, routeOptions: { url: '/x' } }),
      getResponse: () => ({}),
    }),
  }) as unknown as ExecutionContext;

describe('AccessGuard', () => {
  const guard = new AccessGuard(
    {} as AccessTokens,
    {} as ScopeLookup,
    {} as RateLimiter,
    {} as GatewayConfig,
  );

  it('refuses a route without a declaration at run time (deny by default)', async () => {
    await expect(guard.canActivate(context(Undeclared))).rejects.toMatchObject({
      code: 'AUTH.FORBIDDEN',
    });
  });

  it('lets a public route through without a token', async () => {
    await expect(guard.canActivate(context(Declared))).resolves.toBe(true);
  });
});
