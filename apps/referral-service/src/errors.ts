import { HttpStatus } from '@nestjs/common';
import type { StatusTable } from '@app/http';

/** referral-service's stable error codes. The message a person reads is set where it is raised. */
export const ReferralErrorCode = {
  NotFound: 'REFERRAL.NOT_FOUND',
  IllegalTransition: 'REFERRAL.ILLEGAL_TRANSITION',
  Expired: 'REFERRAL.EXPIRED',
  TaccRequired: 'REFERRAL.TACC_REQUIRED',
  TaccInvalid: 'REFERRAL.TACC_INVALID',
  UnknownDiagnosis: 'REFERRAL.UNKNOWN_DIAGNOSIS',
  PatientIdentifierMissing: 'REFERRAL.PATIENT_IDENTIFIER_MISSING',
  InvalidDate: 'REFERRAL.INVALID_DATE',
  SameFacility: 'REFERRAL.SAME_FACILITY',
  UnknownFacility: 'REFERRAL.UNKNOWN_FACILITY',
  PoliNotAvailable: 'REFERRAL.POLI_NOT_AVAILABLE',
  ConcurrentUpdate: 'REFERRAL.CONCURRENT_UPDATE',
  WebhookNotFound: 'REFERRAL.WEBHOOK_NOT_FOUND',
  ClockOverrideRefused: 'REFERRAL.CLOCK_OVERRIDE_REFUSED',
  IdempotencyKeyInvalid: 'REFERRAL.IDEMPOTENCY_KEY_INVALID',
  IdempotencyKeyReused: 'REFERRAL.IDEMPOTENCY_KEY_REUSED',
} as const;

export type ReferralErrorCode = (typeof ReferralErrorCode)[keyof typeof ReferralErrorCode];

export const REFERRAL_STATUS_TABLE: StatusTable = {
  [ReferralErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [ReferralErrorCode.IllegalTransition]: HttpStatus.CONFLICT,
  [ReferralErrorCode.Expired]: HttpStatus.CONFLICT,
  [ReferralErrorCode.TaccRequired]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.TaccInvalid]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.UnknownDiagnosis]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.PatientIdentifierMissing]: HttpStatus.BAD_REQUEST,
  [ReferralErrorCode.InvalidDate]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.SameFacility]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.UnknownFacility]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.PoliNotAvailable]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ReferralErrorCode.ConcurrentUpdate]: HttpStatus.CONFLICT,
  [ReferralErrorCode.WebhookNotFound]: HttpStatus.NOT_FOUND,
  [ReferralErrorCode.ClockOverrideRefused]: HttpStatus.FORBIDDEN,
  [ReferralErrorCode.IdempotencyKeyInvalid]: HttpStatus.BAD_REQUEST,
  [ReferralErrorCode.IdempotencyKeyReused]: HttpStatus.CONFLICT,
};
