import type { GatewayConfig } from '../config';
import type { UpstreamClient, UpstreamResponse } from '../upstream/upstream.client';
import { ScopeLookup } from './scope-lookup';

/** An upstream that answers from a table and counts the calls (no HTTP in a unit test). */
function fakeUpstream(answers: Record<string, UpstreamResponse>) {
  const calls: string[] = [];
  const upstream = {
    call: (_method: string, url: string) => {
      calls.push(url);
      return Promise.resolve(answers[url] ?? { status: 404, body: null });
    },
  } as unknown as UpstreamClient;
  return { upstream, calls };
}

const config = {
  QUEUE_SERVICE_URL: 'http://qs',
  REFERRAL_SERVICE_URL: 'http://rs',
} as GatewayConfig;

describe('ScopeLookup caches', () => {
  let now = 0;
  const clock = () => now;

  it('asks queue-service once for a ticket’s facility, again only after the TTL', async () => {
    const { upstream, calls } = fakeUpstream({
      'http://qs/v1/tickets/B1': { status: 200, body: { facilityCode: 'F1' } },
    });
    const scopes = new ScopeLookup(upstream, config, clock);
    expect(await scopes.ticketFacility('B1', 'c')).toBe('F1');
    expect(await scopes.ticketFacility('B1', 'c')).toBe('F1');
    expect(calls).toHaveLength(1);
    now += 10 * 60_000;
    expect(await scopes.ticketFacility('B1', 'c')).toBe('F1');
    expect(calls).toHaveLength(2);
  });

  it('never caches "not found": the ticket may be booked a moment later', async () => {
    const answers: Record<string, UpstreamResponse> = {};
    const { upstream, calls } = fakeUpstream(answers);
    const scopes = new ScopeLookup(upstream, config, clock);
    expect(await scopes.ticketFacility('B2', 'c')).toBeNull();
    answers['http://qs/v1/tickets/B2'] = { status: 200, body: { facilityCode: 'F2' } };
    expect(await scopes.ticketFacility('B2', 'c')).toBe('F2');
    expect(calls).toHaveLength(2);
  });

  it('keeps a referral’s parties for 30 s; a lookup always asks and refreshes them', async () => {
    const parties = {
      originFacilityCode: 'P1',
      destinationFacilityCode: 'H1',
      forwardedFrom: null,
    };
    const answers: Record<string, UpstreamResponse> = {
      'http://rs/v1/referrals/R1': { status: 200, body: parties },
    };
    const { upstream, calls } = fakeUpstream(answers);
    const scopes = new ScopeLookup(upstream, config, clock);
    expect(scopes.cachedReferralParties('R1')).toBeUndefined();
    expect(await scopes.referralParties('R1', 'c')).toEqual(parties);
    expect(scopes.cachedReferralParties('R1')).toEqual(parties);
    const forwarded = { ...parties, destinationFacilityCode: 'H2', forwardedFrom: 'H1' };
    answers['http://rs/v1/referrals/R1'] = { status: 200, body: forwarded };
    expect(await scopes.referralParties('R1', 'c')).toEqual(forwarded);
    expect(scopes.cachedReferralParties('R1')).toEqual(forwarded);
    expect(calls).toHaveLength(2);
    now += 30_000;
    expect(scopes.cachedReferralParties('R1')).toBeUndefined();
  });
});
