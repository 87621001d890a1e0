import type { MessageChannel } from '../../config';
import type { Address, Provider } from '../channels/provider';
import { afterFailure, buildRoute } from './route';

const provider = (channel: MessageChannel, name: string, needs: keyof Address): Provider => ({
  channel,
  name,
  canReach: (a) => Boolean(a[needs]),
  send: () => Promise.resolve(),
});
const providers: Record<MessageChannel, Provider[]> = {
  sms: [provider('sms', 'sms#1', 'phone'), provider('sms', 'sms#2', 'phone')],
  whatsapp: [provider('whatsapp', 'wa#1', 'phone')],
  email: [provider('email', 'email#1', 'email')],
  'web-push': [],
};
const of = (c: MessageChannel) => providers[c];
const address: Address = {
  recipient: 'p_x',
  phone: '+628123',
  email: 'a@b.id',
  pushSubscription: null,
};
const order: MessageChannel[] = ['whatsapp', 'sms', 'email', 'web-push'];
const names = (r: ReturnType<typeof buildRoute>) =>
  r.kind === 'steps' ? r.steps.map((p) => p.name) : r.reason;

describe('buildRoute', () => {
  it('follows the default order, every provider of a channel, only reachable channels', () => {
    expect(names(buildRoute(address, null, order, of))).toEqual([
      'wa#1',
      'sms#1',
      'sms#2',
      'email#1',
    ]);
    expect(names(buildRoute({ ...address, phone: null }, null, order, of))).toEqual(['email#1']);
  });

  it('respects the recipient choice and opt-out', () => {
    const pref = { channels: ['email', 'sms'], optOut: false };
    expect(names(buildRoute(address, pref, order, of))).toEqual(['email#1', 'sms#1', 'sms#2']);
    expect(names(buildRoute(address, { channels: [], optOut: true }, order, of))).toBe('opted-out');
    expect(names(buildRoute({ ...address, phone: null, email: null }, null, order, of))).toBe(
      'no-reachable-channel',
    );
  });
});

describe('afterFailure', () => {
  const policy = { maxAttempts: 6, retriesPerProvider: 2 };
  it('retries a provider, then fails over at once, then wraps with backoff, then dies', () => {
    let s = { attempts: 0, step: 0, stepFailures: 0 };
    const seen: string[] = [];
    for (;;) {
      const r = afterFailure(s, 2, policy, false);
      if (r.kind === 'dead') {
        seen.push('dead');
        break;
      }
      seen.push(`${r.step}/${r.stepFailures}/${r.backoff ? 'b' : 'now'}`);
      s = { attempts: s.attempts + 1, step: r.step, stepFailures: r.stepFailures };
    }
    expect(seen).toEqual(['0/1/b', '1/0/now', '1/1/b', '0/0/b', '0/1/b', 'dead']);
  });

  it('moves on at once after a permanent refusal', () => {
    expect(afterFailure({ attempts: 0, step: 0, stepFailures: 0 }, 3, policy, true)).toEqual({
      kind: 'retry',
      step: 1,
      stepFailures: 0,
      backoff: false,
    });
  });
});
