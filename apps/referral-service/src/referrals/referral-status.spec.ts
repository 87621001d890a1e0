import { DomainError } from '@app/http';
import {
  nextStatus,
  REFERRAL_ACTIONS,
  REFERRAL_STATUSES,
  TRANSITIONS,
  type ReferralAction,
  type ReferralStatus,
} from './referral-status';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not-a-domain-error';
  }
};

describe('referral state machine', () => {
  it('walks the closed loop', () => {
    const path: Array<[ReferralAction, ReferralStatus]> = [
      ['receive', 'received'],
      ['accept', 'accepted'],
      ['schedule', 'scheduled'],
      ['attend', 'attended'],
      ['complete', 'completed'],
      ['backRefer', 'back_referred'],
    ];
    let s: ReferralStatus = 'sent';
    for (const [action, to] of path) {
      s = nextStatus(s, action);
      expect(s).toBe(to);
    }
  });

  // Every (status, action) pair not in the table is refused with a clear, stable code.
  const pairs = REFERRAL_STATUSES.flatMap((s) => REFERRAL_ACTIONS.map((a) => [s, a] as const));
  it.each(pairs)('%s + %s: allowed exactly when the table says so', (status, action) => {
    const allowed = TRANSITIONS[action].from.includes(status);
    const code = codeOf(() => nextStatus(status, action));
    if (status === 'expired') expect(code).toBe('REFERRAL.EXPIRED');
    else expect(code).toBe(allowed ? undefined : 'REFERRAL.ILLEGAL_TRANSITION');
  });

  it('refuses acting on a referral past its validity before the sweep caught it, but lets it be cancelled or expired', () => {
    const validity = { validUntil: '2026-03-01', today: '2026-03-02' };
    expect(codeOf(() => nextStatus('received', 'accept', validity))).toBe('REFERRAL.EXPIRED');
    expect(nextStatus('received', 'cancel', validity)).toBe('cancelled');
    expect(nextStatus('received', 'expire', validity)).toBe('expired');
    // After the visit, validity no longer matters: the loop can still close.
    expect(nextStatus('attended', 'complete', validity)).toBe('completed');
  });

  it('explains the refusal in Bahasa Indonesia with the allowed origins', () => {
    try {
      nextStatus('completed', 'cancel');
    } catch (e) {
      expect((e as DomainError).message).toContain('selesai');
      expect((e as DomainError).details).toMatchObject({ status: 'completed', action: 'cancel' });
    }
  });

  it('refuses every action repeated on its own result (a retried request changes nothing, emits no second event)', () => {
    for (const action of REFERRAL_ACTIONS) {
      const done = TRANSITIONS[action].to;
      const expected = done === 'expired' ? 'REFERRAL.EXPIRED' : 'REFERRAL.ILLEGAL_TRANSITION';
      expect({ action, code: codeOf(() => nextStatus(done, action)) }).toEqual({
        action,
        code: expected,
      });
    }
  });
});
