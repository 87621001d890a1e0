import { signJwt, verifyJwt } from './jwt';

const key = Buffer.from('k'.repeat(40));
const now = 1_800_000_000;

describe('HS256 tokens', () => {
  const token = signJwt({ sub: 'a', exp: now + 60 }, key);

  it('verifies what it signed until it expires', () => {
    expect(verifyJwt(token, key, now)).toEqual({ sub: 'a', exp: now + 60 });
    expect(verifyJwt(token, key, now + 60)).toBeNull();
  });

  it('refuses another key, a changed payload, another algorithm and garbage', () => {
    expect(verifyJwt(token, Buffer.from('x'.repeat(40)), now)).toBeNull();
    const [h, , s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', exp: now + 60 })).toString(
      'base64url',
    );
    expect(verifyJwt(`${h}.${forged}.${s}`, key, now)).toBeNull();
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyJwt(`${none}.${token.split('.')[1]}.`, key, now)).toBeNull();
    expect(verifyJwt('a.b', key, now)).toBeNull();
    expect(verifyJwt('', key, now)).toBeNull();
  });

  it('refuses a token without an expiry', () => {
    expect(verifyJwt(signJwt({ sub: 'a' }, key), key, now)).toBeNull();
  });
});
