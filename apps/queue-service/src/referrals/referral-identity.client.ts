import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { QUEUE_CONFIG, type QueueConfig } from '../config';
import type { PatientIdentifiers } from '../patient-identity/patient-identity';

const identityAnswer = z.object({
  nik: z.string().max(16).nullable(),
  cardNumber: z.string().max(13).nullable(),
  phone: z.string().max(20).nullable(),
});
/** referral-service's error body (libs/http): `{ error: { code, message } }`. */
const errorAnswer = z.object({ error: z.object({ code: z.string() }) });

/** Why queue-service reads a referral's identifiers: kept in referral-service's audit table. */
export const IDENTITY_PURPOSE = 'referral-booking';
export const CALLER = 'queue-service';
const TIMEOUT_MS = 10_000;

/**
 * referral-service could not answer now (down, timing out, 5xx, refusing our token): the
 * referral.accepted event is redelivered later instead of booking without the identifiers.
 */
export class ReferralServiceUnavailable extends Error {
  readonly transient = true;
  constructor(detail: string) {
    super(`referral-service identity: ${detail}`);
    this.name = 'ReferralServiceUnavailable';
  }
}

/**
 * Reads the patient's NIK, card number and phone of a referral from referral-service's internal
 * endpoint, so the ticket booked for it stores them (encrypted) like any other booking.
 */
@Injectable()
export class ReferralIdentityClient {
  private readonly logger = new Logger(ReferralIdentityClient.name);

  constructor(@Inject(QUEUE_CONFIG) private readonly config: QueueConfig) {}

  /** The identifiers, or null when referral-service does not know the referral (booked without). */
  async lookup(referralId: string): Promise<PatientIdentifiers | null> {
    const url =
      `${this.config.REFERRAL_SERVICE_URL.replace(/\/$/, '')}/internal/v1/referrals/` +
      `${encodeURIComponent(referralId)}/patient-identity?purpose=${IDENTITY_PURPOSE}`;
    let res: Response;
    let body: unknown;
    try {
      res = await fetch(url, {
        headers: {
          authorization: `Bearer ${this.config.INTERNAL_API_TOKEN}`,
          'x-caller': CALLER,
        },
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      body = await res.json().catch(() => undefined);
    } catch (e) {
      const err = e as Error & { cause?: unknown };
      throw new ReferralServiceUnavailable(
        err.cause instanceof Error ? err.cause.message : err.message,
      );
    }
    if (res.status === 200) {
      const parsed = identityAnswer.safeParse(body);
      if (parsed.success) return parsed.data;
      throw new ReferralServiceUnavailable('unreadable answer');
    }
    const code = errorAnswer.safeParse(body).data?.error.code;
    // A referral referral-service does not know will not appear by waiting: the ticket is booked
    // without identifiers (as before they were read), and BPJS judges its antrean/add.
    if (res.status === 404 && code === 'REFERRAL.NOT_FOUND') {
      this.logger.warn({ referralId }, 'referral-service does not know this referral');
      return null;
    }
    throw new ReferralServiceUnavailable(`HTTP ${res.status}${code ? ` ${code}` : ''}`);
  }
}

/** The inbox's transient check: referral-service being away is waited out like a database outage. */
export const isReferralServiceUnavailable = (e: unknown): boolean =>
  e instanceof ReferralServiceUnavailable;
