import { DomainError } from './domain-error';
import { isBearerToken, requireBearerToken } from './bearer-token';

describe('internal bearer token', () => {
  const token = 'x'.repeat(40);

  it('accepts exactly `Bearer <token>` and nothing else', () => {
    expect(isBearerToken(`Bearer ${token}`, token)).toBe(true);
    for (const h of [
      undefined,
      '',
      'Bearer',
      `bearer ${token}`,
      `Bearer ${token}x`,
      `Bearer  ${token}`,
      token,
      'Bearer ',
    ])
      expect(isBearerToken(h, token)).toBe(false);
  });

  it('refuses with the code it is given', () => {
    expect(() => requireBearerToken(`Bearer ${token}`, token, 'X.AUTH')).not.toThrow();
    let thrown: unknown;
    try {
      requireBearerToken('Bearer nope', token, 'X.AUTH');
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('X.AUTH');
  });
});
