import { DomainError } from '@app/http';
import { requireInternalToken } from './internal-auth';

describe('internal bearer token', () => {
  const token = 'x'.repeat(40);
  const code = (h: string | undefined) => {
    try {
      requireInternalToken(h, token);
      return 'ok';
    } catch (e) {
      return (e as DomainError).code;
    }
  };

  it('accepts exactly the configured token and refuses anything else with a stable code', () => {
    expect(code(`Bearer ${token}`)).toBe('ok');
    for (const h of [
      undefined,
      '',
      'Bearer',
      `bearer ${token}`,
      `Bearer ${token}x`,
      token,
      'Bearer ',
    ])
      expect(code(h)).toBe('QUEUE.INTERNAL_AUTH_REQUIRED');
  });
});
