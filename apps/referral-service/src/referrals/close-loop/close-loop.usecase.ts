import { Inject, Injectable } from '@nestjs/common';
import { EventTypes } from '@app/contracts';
import { REFERRAL_CONFIG, type ReferralConfig } from '../../config';
import { ReferralDb } from '../../database/referral-db';
import type { Referral } from '../../generated/prisma/client';
import { todayIn } from '../referral-dates';
import { referralRefOf } from '../referral-events';
import { allocateReferralNumber } from '../referral-number';
import { ReferralStore } from '../referral-store';
import {
  PRB_PROGRAMMES,
  type BackReferRequest,
  type CompleteReferralRequest,
} from './close-loop.requests';

/** Closes the loop: feedback to the referring doctor, then optionally rujuk balik to the FKTP. */
@Injectable()
export class CloseLoop {
  constructor(
    private readonly db: ReferralDb,
    private readonly store: ReferralStore,
    @Inject(REFERRAL_CONFIG) private readonly config: ReferralConfig,
  ) {}

  complete(id: string, req: CompleteReferralRequest, correlationId: string): Promise<Referral> {
    return this.store.transition({
      id,
      action: 'complete',
      correlationId,
      patch: () => ({ feedback: req.feedback }),
      event: (r, at) => ({
        type: EventTypes.ReferralCompleted,
        payload: { ...referralRefOf(r), feedback: req.feedback, at: at.toISOString() },
      }),
    });
  }

  /** Rujuk balik gets its own number from the hospital (letter B). */
  async backRefer(id: string, req: BackReferRequest, correlationId: string): Promise<Referral> {
    const current = await this.store.require(id);
    this.store.ensureAllowed(current, 'backRefer');
    const now = new Date();
    const updated = await this.db.$transaction(async (tx) => {
      const number = await allocateReferralNumber(
        tx,
        current.destinationFacilityCode,
        todayIn(this.config.TIMEZONE, now),
        'B',
      );
      return this.store.transitionIn(tx, {
        id,
        action: 'backRefer',
        correlationId,
        now,
        patch: () => ({
          backReferral: {
            number,
            programme: req.programme,
            programmeName: PRB_PROGRAMMES[req.programme],
            notes: req.notes,
          },
        }),
        detail: { number, programme: req.programme },
        event: (r, at) => ({
          type: EventTypes.ReferralBackReferred,
          payload: {
            ...referralRefOf(r),
            programme: req.programme,
            notes: req.notes,
            at: at.toISOString(),
          },
        }),
      });
    });
    this.store.afterCommit();
    return updated;
  }
}
