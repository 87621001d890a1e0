import type { QueueConfig } from '../config';
import {
  isReferralServiceUnavailable,
  ReferralIdentityClient,
  ReferralServiceUnavailable,
} from './referral-identity.client';

const REFERRAL_ID = '0b8f8f5e-4a8a-4c1e-9a51-8b1d6f0e7a11';
const config = {
  REFERRAL_SERVICE_URL: 'http://referral.internal:3002/',
  INTERNAL_API_TOKEN: 't'.repeat(40),
} as QueueConfig;

const answer = (status: number, body: unknown) =>
  Promise.resolve(new Response(JSON.stringify(body), { status }));

describe('ReferralIdentityClient', () => {
  const fetchMock = jest.spyOn(globalThis, 'fetch');
  afterAll(() => fetchMock.mockRestore());
  const client = new ReferralIdentityClient(config);

  it('reads the identifiers with the bearer token, the caller and the purpose', async () => {
    fetchMock.mockImplementationOnce(() =>
      answer(200, {
        referralId: REFERRAL_ID,
        nik: '3329010101900001',
        cardNumber: '0001234567890',
        phone: null,
      }),
    );
    await expect(client.lookup(REFERRAL_ID)).resolves.toEqual({
      nik: '3329010101900001',
      cardNumber: '0001234567890',
      phone: null,
    });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe(
      `http://referral.internal:3002/internal/v1/referrals/${REFERRAL_ID}/patient-identity?purpose=referral-booking`,
    );
    expect(init?.headers).toEqual({
      authorization: `Bearer ${'t'.repeat(40)}`,
      'x-caller': 'queue-service',
    });
  });

  it.each([
    ['a 503', () => answer(503, { error: { code: 'COMMON.UNAVAILABLE' } })],
    ['a refused token', () => answer(401, { error: { code: 'COMMON.SERVICE_AUTH_REQUIRED' } })],
    ['an unreadable answer', () => answer(200, { nik: 42 })],
    [
      'no connection',
      () => Promise.reject(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') })),
    ],
  ])('calls %s transient, so the event is redelivered later', async (_, reply) => {
    fetchMock.mockImplementationOnce(reply);
    const error: unknown = await client.lookup(REFERRAL_ID).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferralServiceUnavailable);
    expect(isReferralServiceUnavailable(error)).toBe(true);
  });

  it('does not wait for a referral that referral-service does not know: no identifiers', async () => {
    fetchMock.mockImplementationOnce(() => answer(404, { error: { code: 'REFERRAL.NOT_FOUND' } }));
    await expect(client.lookup(REFERRAL_ID)).resolves.toBeNull();
  });
});
