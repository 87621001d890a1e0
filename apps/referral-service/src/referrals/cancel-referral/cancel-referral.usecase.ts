import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { EventTypes } from '@app/contracts';
import type { Referral } from '../../generated/prisma/client';
import { referralRefOf } from '../referral-events';
import { ReferralStore } from '../referral-store';

export const cancelReferralRequest = z.object({ reason: z.string().min(3).max(500) }).strict();
export type CancelReferralRequest = z.infer<typeof cancelReferralRequest>;

/** The referring FKTP withdraws a referral, any time before the patient has been seen. */
@Injectable()
export class CancelReferral {
  constructor(private readonly store: ReferralStore) {}

  execute(id: string, req: CancelReferralRequest, correlationId: string): Promise<Referral> {
    return this.store.transition({
      id,
      action: 'cancel',
      correlationId,
      patch: () => ({ statusReason: req.reason }),
      detail: { reason: req.reason },
      event: (r, at) => ({
        type: EventTypes.ReferralCancelled,
        payload: { ...referralRefOf(r), reason: req.reason, at: at.toISOString() },
      }),
    });
  }
}
