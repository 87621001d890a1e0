import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { firstValueFrom, Subject } from 'rxjs';
import { CommonErrorCode, DomainError } from './domain-error';
import { InFlightLimit } from './in-flight-limit';

function httpContext(headers: Record<string, string>): ExecutionContext {
  const reply = {
    header: (k: string, v: string) => {
      headers[k] = v;
      return reply;
    },
  };
  return {
    getType: () => 'http',
    switchToHttp: () => ({ getResponse: () => reply }),
  } as unknown as ExecutionContext;
}

/** A handler that answers when the test says so. */
function pending(): { handler: CallHandler; done: Subject<string> } {
  const done = new Subject<string>();
  return { handler: { handle: () => done.asObservable() }, done };
}

describe('InFlightLimit', () => {
  it('refuses one more than the limit with COMMON.UNAVAILABLE and Retry-After, admits again once one is done', async () => {
    const limit = new InFlightLimit(2, 3);
    const a = pending();
    const b = pending();
    const first = firstValueFrom(limit.intercept(httpContext({}), a.handler));
    const second = firstValueFrom(limit.intercept(httpContext({}), b.handler));
    expect(limit.current).toBe(2);

    const headers: Record<string, string> = {};
    const refused = firstValueFrom(limit.intercept(httpContext(headers), pending().handler));
    await expect(refused).rejects.toBeInstanceOf(DomainError);
    await expect(refused).rejects.toMatchObject({
      code: CommonErrorCode.Unavailable,
      details: { retryAfterSeconds: 3 },
    });
    expect(headers['retry-after']).toBe('3');

    a.done.next('ok');
    a.done.complete();
    await expect(first).resolves.toBe('ok');
    expect(limit.current).toBe(1);
    const c = pending();
    const third = firstValueFrom(limit.intercept(httpContext({}), c.handler));
    c.done.error(new Error('db away'));
    await expect(third).rejects.toThrow('db away');
    expect(limit.current).toBe(1); // a failed request frees its place too
    b.done.next('ok');
    b.done.complete();
    await second;
    expect(limit.current).toBe(0);
  });

  it('admits everything when the limit is 0', () => {
    const limit = new InFlightLimit(0);
    const handlers = Array.from({ length: 5 }, () => pending());
    for (const h of handlers) void firstValueFrom(limit.intercept(httpContext({}), h.handler));
    expect(limit.current).toBe(5);
  });
});
