import { HttpStatus } from '@nestjs/common';
import type { StatusTable } from '@app/http';

/** queue-service's stable error codes. The message a person reads is set where the error is raised. */
export const QueueErrorCode = {
  FacilityNotFound: 'QUEUE.FACILITY_NOT_FOUND',
  PoliNotFound: 'QUEUE.POLI_NOT_FOUND',
  PatientIdentifierMissing: 'QUEUE.PATIENT_IDENTIFIER_MISSING',
  DateInPast: 'QUEUE.DATE_IN_PAST',
  DateBeyondHorizon: 'QUEUE.DATE_BEYOND_HORIZON',
  IdempotencyKeyReused: 'QUEUE.IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInvalid: 'QUEUE.IDEMPOTENCY_KEY_INVALID',
  TicketNotFound: 'QUEUE.TICKET_NOT_FOUND',
} as const;

export const QUEUE_STATUS_TABLE: StatusTable = {
  [QueueErrorCode.FacilityNotFound]: HttpStatus.NOT_FOUND,
  [QueueErrorCode.PoliNotFound]: HttpStatus.NOT_FOUND,
  [QueueErrorCode.PatientIdentifierMissing]: HttpStatus.BAD_REQUEST,
  [QueueErrorCode.DateInPast]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QueueErrorCode.DateBeyondHorizon]: HttpStatus.UNPROCESSABLE_ENTITY,
  [QueueErrorCode.IdempotencyKeyReused]: HttpStatus.CONFLICT,
  [QueueErrorCode.IdempotencyKeyInvalid]: HttpStatus.BAD_REQUEST,
  [QueueErrorCode.TicketNotFound]: HttpStatus.NOT_FOUND,
};
