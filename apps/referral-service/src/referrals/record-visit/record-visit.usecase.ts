import { Injectable } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import type { Referral } from '../../generated/prisma/client';
import { referralRefOf } from '../referral-events';
import { ReferralStore } from '../referral-store';

/** The hospital records whether the referred patient came on the scheduled day. */
@Injectable()
export class RecordVisit {
  constructor(private readonly store: ReferralStore) {}

  attended(id: string, correlationId: string): Promise<Referral> {
    return this.store.transition({
      id,
      action: 'attend',
      correlationId,
      event: (r, at) => ({
        type: EventTypes.ReferralAttended,
        payload: { ...referralRefOf(r), at: at.toISOString() },
      }),
    });
  }

  noShow(id: string, correlationId: string): Promise<Referral> {
    return this.store.transition({
      id,
      action: 'markNoShow',
      correlationId,
      event: (r, at) => ({
        type: EventTypes.ReferralNoShow,
        payload: { ...referralRefOf(r), at: at.toISOString() },
      }),
    });
  }
}
