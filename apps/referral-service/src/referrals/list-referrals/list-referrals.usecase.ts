import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ReferralDb } from '../../database/referral-db';
import type { Prisma, Referral } from '../../generated/prisma/client';
import { REFERRAL_STATUSES } from '../referral-status';

export const listReferralsQuery = z
  .object({
    status: z.enum(REFERRAL_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListReferralsQuery = z.infer<typeof listReferralsQuery>;

/**
 * The two lists the loop needs: what an FKTP sent (with each one's live status) and a hospital's
 * inbox (what was sent or forwarded to it).
 */
@Injectable()
export class ListReferrals {
  constructor(private readonly db: ReferralDb) {}

  sentBy(facilityCode: string, q: ListReferralsQuery): Promise<Referral[]> {
    return this.find({ originFacilityCode: facilityCode }, q);
  }

  inboxOf(facilityCode: string, q: ListReferralsQuery): Promise<Referral[]> {
    return this.find({ destinationFacilityCode: facilityCode }, q);
  }

  private find(where: Prisma.ReferralWhereInput, q: ListReferralsQuery): Promise<Referral[]> {
    return this.db.referral.findMany({
      where: { ...where, ...(q.status ? { status: q.status } : {}) },
      orderBy: { createdAt: 'desc' },
      take: q.limit,
    });
  }
}
