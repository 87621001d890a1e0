import { Injectable } from '@nestjs/common';
import { DomainError } from '@app/http';
import { ReferralDb } from '../../database/referral-db';
import { ReferralErrorCode } from '../../errors';
import type { Referral } from '../../generated/prisma/client';
import {
  toPatientReferralView,
  type PatientReferralView,
  type PatientReferralsQuery,
} from './patient-referral.view';

/** A patient's referrals as they may read them, with the facilities' names joined in. */
@Injectable()
export class ReadPatientReferrals {
  constructor(private readonly db: ReferralDb) {}

  async byNumber(number: string): Promise<PatientReferralView> {
    const r = await this.db.referral.findUnique({ where: { number } });
    if (!r) throw new DomainError(ReferralErrorCode.NotFound, 'Rujukan tidak ditemukan.');
    const [view] = await this.views([r]);
    return view;
  }

  async ofPatient(q: PatientReferralsQuery): Promise<PatientReferralView[]> {
    const rows = await this.db.referral.findMany({
      where: { patientRef: q.patientRef },
      orderBy: { createdAt: 'desc' },
      take: q.limit,
    });
    return this.views(rows);
  }

  private async views(rows: Referral[]): Promise<PatientReferralView[]> {
    const codes = [
      ...new Set(rows.flatMap((r) => [r.originFacilityCode, r.destinationFacilityCode])),
    ];
    const facilities = await this.db.facility.findMany({
      where: { code: { in: codes } },
      select: { code: true, name: true },
    });
    const names = new Map(facilities.map((f) => [f.code, f.name]));
    return rows.map((r) => toPatientReferralView(r, names));
  }
}
