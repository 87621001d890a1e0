import { needsAction, verbsFor } from './inbox-actions';

describe('inbox actions per status', () => {
  it('offers what referral-service allows a hospital from each status', () => {
    expect(verbsFor('sent')).toEqual(['receive']);
    expect(verbsFor('forwarded')).toEqual(['receive']);
    expect(verbsFor('received')).toEqual(['accept', 'decline']);
    expect(verbsFor('needs_rescheduling')).toEqual(['accept', 'decline']);
    expect(verbsFor('no_show')).toEqual(['accept']);
    expect(verbsFor('scheduled')).toEqual(['attend', 'no-show']);
    expect(verbsFor('attended')).toEqual(['complete']);
    expect(verbsFor('completed')).toEqual(['back-referral']);
    for (const s of ['accepted', 'declined', 'back_referred', 'cancelled', 'expired']) {
      expect(verbsFor(s)).toEqual([]);
    }
  });

  it('marks the referrals waiting for the desk', () => {
    expect(needsAction('sent')).toBe(true);
    expect(needsAction('scheduled')).toBe(false);
  });
});
