import { Injectable } from '@nestjs/common';
import type { EventEnvelope, EventPayload } from '@app/contracts';
import { DeadLetterPublisher, EventInbox, type EventHandlers } from '@app/messaging';
import { Metrics } from '@app/observability';
import { LiveSubscriptions, referralsChannel } from './live-subscriptions';
import { passThrough } from './live-inbox';
import {
  referralAudience,
  referralProjection,
  type ReferralLiveEventType,
} from './referral-projection';

export const REFERRAL_LIVE_CONSUMER = 'gateway-live-referrals';

/**
 * Pushes each referral event's projection to the referral pages of the facilities concerned: the
 * FKTP that sent it (its sent list) and the hospital it is addressed to (its inbox; after a
 * forward, both the hospital that forwarded it and the new one).
 */
@Injectable()
export class ReferralLiveInbox extends EventInbox<ReferralLiveEventType, undefined> {
  constructor(
    subscriptions: LiveSubscriptions,
    deadLetters: DeadLetterPublisher,
    metrics: Metrics,
  ) {
    const push = (
      event: EventEnvelope<ReferralLiveEventType, EventPayload<ReferralLiveEventType>>,
    ): Promise<void> => {
      const message = JSON.stringify(referralProjection(event));
      for (const code of referralAudience(event)) {
        subscriptions.publish(referralsChannel(code), message);
      }
      return Promise.resolve();
    };
    // Every status-changing event, named one by one: the type check fails when one is missing.
    const handlers: EventHandlers<ReferralLiveEventType, undefined> = {
      'referral.sent': push,
      'referral.received': push,
      'referral.accepted': push,
      'referral.declined': push,
      'referral.forwarded': push,
      'referral.scheduled': push,
      'referral.needs-rescheduling': push,
      'referral.attended': push,
      'referral.no-show': push,
      'referral.completed': push,
      'referral.back-referred': push,
      'referral.cancelled': push,
      'referral.expired': push,
    };
    super({
      consumer: REFERRAL_LIVE_CONSUMER,
      store: passThrough,
      deadLetters,
      handlers,
      onOutcome: (type, outcome) =>
        metrics.eventsConsumed.inc({ consumer: REFERRAL_LIVE_CONSUMER, type, outcome }),
    });
  }
}
