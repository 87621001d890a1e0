import { Inject, Injectable, Logger } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { DomainError } from '@app/http';
import { REFERRAL_CONFIG, type ReferralConfig } from '../../config';
import { ReferralDb } from '../../database/referral-db';
import { asDate, todayIn } from '../referral-dates';
import { referralRefOf } from '../referral-events';
import { ReferralStore } from '../referral-store';
import { EXPIRABLE } from '../referral-status';

export interface ExpiryResult {
  today: string;
  expired: string[];
}

/**
 * Ends referrals whose 90 days ran out before the patient was seen (`referral.expired`). Each one
 * goes through the state machine like any other change; a referral that changed meanwhile is
 * simply left for the next sweep.
 */
@Injectable()
export class ExpireReferrals {
  private readonly logger = new Logger('ExpireReferrals');

  constructor(
    private readonly db: ReferralDb,
    private readonly store: ReferralStore,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  async execute(
    now: Date = new Date(),
    correlationId = 'job:expire-referrals',
  ): Promise<ExpiryResult> {
    const today = todayIn(this.config.TIMEZONE, now);
    const expired: string[] = [];
    for (;;) {
      const due = await this.db.referral.findMany({
        where: {
          status: { in: [...EXPIRABLE] },
          validUntil: { lt: asDate(today) },
          id: { notIn: expired },
        },
        select: { id: true },
        orderBy: { validUntil: 'asc' },
        take: 200,
      });
      if (due.length === 0) break;
      let progressed = false;
      for (const { id } of due) {
        try {
          await this.store.transition({
            id,
            action: 'expire',
            correlationId,
            now,
            event: (r, at) => ({
              type: EventTypes.ReferralExpired,
              payload: { ...referralRefOf(r), at: at.toISOString() },
            }),
          });
          expired.push(id);
          progressed = true;
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          this.logger.warn({ referralId: id, code: e.code }, 'not expired');
        }
      }
      if (!progressed) break;
    }
    if (expired.length > 0) this.logger.log({ count: expired.length, today }, 'referrals expired');
    return { today, expired };
  }
}
