import type { ExecutionContext } from '@nestjs/common';
import type { GatewayConfig } from '../config';
import type { ReferralParties } from './access-policy';
import { Access, Public } from './access';
import { AccessGuard } from './access.guard';
import type { RateLimiter } from './rate-limit';
import type { ScopeLookup } from './scope-lookup';
import type { Principal } from './roles';
import type { AccessTokens } from './tokens';

class Undeclared {
  handler(): void {}
}
class Declared {
  @Public('test')
  handler(): void {}
}

class OneReferral {
  @Access({ roles: ['hospital_referral'], referral: 'param:id' })
  handler(): void {}
}

const context = (cls: new () => object, req: object = {}): ExecutionContext =>
  ({
    getType: () => 'http',
    getClass: () => cls,
    getHandler: () => (cls.prototype as { handler: () => void }).handler,
    switchToHttp: () => ({
      getRequest: () => ({ headers: {}, routeOptions: { url: '/x' }, ...req }),
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

describe('AccessGuard on a referral, with parties cached', () => {
  const hospital = { role: 'hospital_referral', facilityCode: 'H2' } as Principal;
  const tokens = { verify: () => Promise.resolve(hospital) } as unknown as AccessTokens;
  const to = (destination: string): ReferralParties => ({
    originFacilityCode: 'P1',
    destinationFacilityCode: destination,
    forwardedFrom: null,
  });
  /** Cache and referral-service as the test sets them; counts the calls to referral-service. */
  const setup = (cached: ReferralParties | undefined, current: ReferralParties) => {
    const asked: string[] = [];
    const scopes = {
      cachedReferralParties: () => cached,
      referralParties: (id: string) => {
        asked.push(id);
        return Promise.resolve(current);
      },
    } as unknown as ScopeLookup;
    const guard = new AccessGuard(tokens, scopes, {} as RateLimiter, {} as GatewayConfig);
    return { guard, asked };
  };
  const request = (method: string) =>
    context(OneReferral, {
      method,
      id: 'req-1',
      headers: { authorization: 'Bearer t' },
      params: { id: 'R1' },
    });

  it('lets a read through on cached parties without asking referral-service', async () => {
    const { guard, asked } = setup(to('H2'), to('H2'));
    await expect(guard.canActivate(request('GET'))).resolves.toBe(true);
    expect(asked).toEqual([]);
  });

  it('asks again before refusing on cached parties: the referral was just forwarded here', async () => {
    const { guard, asked } = setup(to('H1'), to('H2'));
    await expect(guard.canActivate(request('GET'))).resolves.toBe(true);
    expect(asked).toEqual(['R1']);
  });

  it('decides an action on what referral-service answers now, whatever the cache holds', async () => {
    const { guard, asked } = setup(to('H2'), to('H3'));
    await expect(guard.canActivate(request('POST'))).rejects.toMatchObject({
      code: 'AUTH.FACILITY_FORBIDDEN',
    });
    expect(asked).toEqual(['R1']);
  });
});
