/** What a hospital desk does with a referral, as the gateway's routes name it. */
export type Verb =
  'receive' | 'accept' | 'decline' | 'attend' | 'no-show' | 'complete' | 'back-referral';

/**
 * The buttons a referral shows in each status: referral-service's transition table seen from the
 * hospital (it refuses anything else with REFERRAL.ILLEGAL_TRANSITION, so this only hides what
 * would fail). Forwarding and cancelling are not the inbox's.
 */
export function verbsFor(status: string): Verb[] {
  switch (status) {
    case 'sent':
    case 'forwarded':
      return ['receive'];
    case 'received':
    case 'needs_rescheduling':
      return ['accept', 'decline'];
    case 'no_show':
      return ['accept'];
    case 'scheduled':
      return ['attend', 'no-show'];
    case 'attended':
      return ['complete'];
    case 'completed':
      return ['back-referral'];
    default:
      return [];
  }
}

/** Referrals the desk still has to act on come first, newest first within each group. */
export function needsAction(status: string): boolean {
  return ['sent', 'forwarded', 'received', 'needs_rescheduling', 'no_show'].includes(status);
}
