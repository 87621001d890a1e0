import { isBearerToken } from './bearer-token';

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
});
