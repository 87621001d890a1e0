import type { QueueConfig } from '../../config';
import type { QueueDb } from '../../database/queue-db';
import { WsrsRefusal } from '../wsrs-response';
import { WsrsAuth } from './wsrs-auth';

function fakeDb() {
  const creds = new Map<string, { facilityCode: string; username: string; passwordHash: string }>();
  return {
    creds,
    db: {
      facility: { findUnique: () => Promise.resolve({ code: '9901R001' }) },
      wsrsCredential: {
        findUnique: ({ where }: { where: { facilityCode: string } }) =>
          Promise.resolve(creds.get(where.facilityCode) ?? null),
        upsert: ({
          create,
        }: {
          create: { facilityCode: string; username: string; passwordHash: string };
        }) => {
          creds.set(create.facilityCode, create);
          return Promise.resolve();
        },
      },
    } as unknown as QueueDb,
  };
}

const config = {
  PATIENT_REF_SECRET: 'a-test-secret-of-16+',
  WSRS_TOKEN_SECRET: '',
  WSRS_TOKEN_TTL_SECONDS: 60,
} as QueueConfig;

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(WsrsRefusal);
  return (e as WsrsRefusal).message;
};

describe('WsrsAuth', () => {
  afterEach(() => jest.restoreAllMocks());

  it('stores a salted scrypt hash, never the password', async () => {
    const { db, creds } = fakeDb();
    const auth = new WsrsAuth(db, config);
    await auth.setCredentials('9901R001', 'mjkn', 'rahasia-sekali');
    const stored = creds.get('9901R001')!.passwordHash;
    expect(stored).toMatch(/^scrypt\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain('rahasia');
    await auth.setCredentials('9901R001', 'mjkn', 'rahasia-sekali');
    expect(creds.get('9901R001')!.passwordHash).not.toBe(stored);
  });

  it('issues a token that verifies until it expires', async () => {
    const { db } = fakeDb();
    const auth = new WsrsAuth(db, config);
    await auth.setCredentials('9901R001', 'mjkn', 'rahasia-sekali');
    expect(await refusal(auth.issueToken('9901R001', 'mjkn', 'salah'))).toBe(
      'Username atau Password Tidak Sesuai',
    );
    const token = await auth.issueToken('9901R001', 'mjkn', 'rahasia-sekali');
    await expect(auth.verify('9901R001', token, 'mjkn')).resolves.toBeUndefined();
    expect(await refusal(auth.verify('9901R002', token, 'mjkn'))).toBe('Token Tidak Sesuai');
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 61_000);
    expect(await refusal(auth.verify('9901R001', token, 'mjkn'))).toBe('Token Expired');
  });

  it('a token signed with another secret is refused', async () => {
    const { db } = fakeDb();
    const a = new WsrsAuth(db, config);
    const b = new WsrsAuth(db, { ...config, WSRS_TOKEN_SECRET: 'another-secret-entirely' });
    await a.setCredentials('9901R001', 'mjkn', 'rahasia-sekali');
    const token = await a.issueToken('9901R001', 'mjkn', 'rahasia-sekali');
    expect(await refusal(b.verify('9901R001', token, 'mjkn'))).toBe('Token Tidak Sesuai');
  });
});
