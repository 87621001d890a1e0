import { Controller, Get, Param, Query } from '@nestjs/common';
import { ZodPipe } from '@app/http';
import {
  patientReferralsQuery,
  referralNumberParam,
  type PatientReferralView,
  type PatientReferralsQuery,
} from './patient-referral.view';
import { ReadPatientReferrals } from './read-patient-referrals.usecase';

/**
 * The patient's own view of their referrals, by number or by patientRef, without identifiers (so
 * there is no disclosure to audit). The gateway decides who may ask (a patient token of that
 * referral or patientRef); this service answers the projection.
 */
@Controller('v1/patient-referrals')
export class PatientReferralsController {
  constructor(private readonly read: ReadPatientReferrals) {}

  @Get(':number')
  one(
    @Param('number', new ZodPipe(referralNumberParam)) number: string,
  ): Promise<PatientReferralView> {
    return this.read.byNumber(number);
  }

  @Get()
  ofPatient(
    @Query(new ZodPipe(patientReferralsQuery)) q: PatientReferralsQuery,
  ): Promise<PatientReferralView[]> {
    return this.read.ofPatient(q);
  }
}
