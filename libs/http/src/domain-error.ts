/**
 * A failure the domain expects (bad input, a rule refused). `code` is stable and documented;
 * `message` is what a person reads (Bahasa Indonesia, as staff and patients see it).
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Codes shared by every service; each service adds its own (QUEUE.*, REFERRAL.*, ...). */
export const CommonErrorCode = {
  ValidationFailed: 'COMMON.VALIDATION_FAILED',
  NotFound: 'COMMON.NOT_FOUND',
  PayloadTooLarge: 'COMMON.PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'COMMON.UNSUPPORTED_MEDIA_TYPE',
  RateLimited: 'COMMON.RATE_LIMITED',
  /** An internal service's route called without the right service token (Bearer INTERNAL_API_TOKEN). */
  ServiceAuthRequired: 'COMMON.SERVICE_AUTH_REQUIRED',
  Unavailable: 'COMMON.UNAVAILABLE',
  Internal: 'COMMON.INTERNAL',
} as const;
