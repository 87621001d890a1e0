import { retryDelayMs } from './webhook-dispatcher';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

const secret = 'hospital-secret-0123456789abcdef0123';
const body = JSON.stringify({ type: 'referral.sent', id: 'x' });
const at = new Date('2026-11-23T08:00:00Z');

describe('webhook signature', () => {
  it('verifies what it signed, within the replay window', () => {
    const header = signWebhook(secret, body, at);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature({ secret, body, header, now: at })).toEqual({
      ok: true,
      timestamp: at.getTime() / 1000,
    });
    const later = new Date(at.getTime() + 299_000);
    expect(verifyWebhookSignature({ secret, body, header, now: later }).ok).toBe(true);
  });

  it.each([
    ['a changed body', { body: body.replace('x', 'y') }, 'mismatch'],
    ['another secret', { secret: 'another-secret-0123456789abcdef0123' }, 'mismatch'],
    ['a replay after the window', { now: new Date(at.getTime() + 301_000) }, 'stale'],
    ['no header', { header: undefined }, 'missing'],
    ['a malformed header', { header: 'sha256=abc' }, 'malformed'],
  ])('refuses %s', (_, change, reason) => {
    const header = signWebhook(secret, body, at);
    expect(verifyWebhookSignature({ secret, body, header, now: at, ...change })).toEqual({
      ok: false,
      reason,
    });
  });
});

describe('retry backoff', () => {
  it('grows exponentially with jitter and stays under the cap', () => {
    for (let attempt = 1; attempt <= 40; attempt++) {
      const d = retryDelayMs(attempt, 1_000, 60_000);
      const ceiling = Math.min(60_000, 1_000 * 2 ** (attempt - 1));
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });
});
