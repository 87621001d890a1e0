import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHmac, randomInt } from 'node:crypto';
import type Redis from 'ioredis';
import { CommonErrorCode, DomainError } from '@app/http';
import { REDIS } from '@app/redis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { UpstreamClient } from '../upstream/upstream.client';
import { AuthErrorCode } from './auth-errors';
import { ScopeLookup } from './scope-lookup';
import { AccessTokens, type IssuedToken } from './tokens';

/** Guesses allowed per code: with 6 digits, a guesser wins with probability at most 5 / 10^6. */
export const OTP_MAX_ATTEMPTS = 5;

/** What a code opens: a booking (a ticket token) or a referral (a token of its patient). */
export type OtpSubject = { bookingCode: string } | { referralNumber: string };
const idOf = (s: OtpSubject) =>
  'bookingCode' in s ? s.bookingCode : `referral:${s.referralNumber}`;
const key = (s: OtpSubject) => `gateway:otp:${idOf(s)}`;

// Counts the attempt and compares, atomically: answers 1 (right, code deleted), 0 (wrong),
// -1 (no code), -2 (attempts exhausted: the code is deleted and this one is refused).
const CHECK = `local h = redis.call('HGET', KEYS[1], 'h')
if not h then return -1 end
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
if n > tonumber(ARGV[2]) then redis.call('DEL', KEYS[1]) return -2 end
if h == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0`;

const CALLER = 'gateway:patient-otp';

/**
 * A patient opens their ticket or referral on another device: a 6-digit code sent to the phone on
 * file (through notification-service, which holds the number; for a referral, to its patientRef,
 * whose contact notification-service learned from the referral), kept here only as an HMAC in
 * Redis for OTP_TTL_SECONDS, at most OTP_MAX_ATTEMPTS tries; a new request replaces the old code.
 */
@Injectable()
export class PatientOtp {
  private readonly logger = new Logger('PatientOtp');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    private readonly upstream: UpstreamClient,
    private readonly scopes: ScopeLookup,
    private readonly tokens: AccessTokens,
  ) {}

  private digest(subject: OtpSubject, otp: string): string {
    return createHmac('sha256', this.config.AUTH_JWT_SECRET)
      .update(`otp:${idOf(subject)}:${otp}`)
      .digest('hex');
  }

  /**
   * Sends a code. Answers the same whether or not the booking or referral exists, or has a phone
   * (no oracle of codes or numbers).
   */
  async send(subject: OtpSubject, correlationId: string): Promise<void> {
    const otp = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const message = await this.messageFor(subject, otp, correlationId);
    if (!message) return;
    const res = await this.upstream.call(
      'POST',
      `${this.config.NOTIFICATION_SERVICE_URL}/internal/v1/direct-messages`,
      {
        correlationId,
        body: message,
      },
    );
    if (res.status !== 202) {
      this.logger.warn({ status: res.status }, 'one-time code not sent');
      if (res.status >= 500)
        throw new DomainError(CommonErrorCode.Unavailable, 'Kode belum dapat dikirim. Coba lagi.');
      return;
    }
    await this.redis
      .multi()
      .del(key(subject))
      .hset(key(subject), 'h', this.digest(subject, otp), 'n', '0')
      .expire(key(subject), this.config.OTP_TTL_SECONDS)
      .exec();
  }

  /** notification-service's direct message; null when there is nobody to send it to. */
  private async messageFor(
    subject: OtpSubject,
    otp: string,
    correlationId: string,
  ): Promise<Record<string, string> | null> {
    const minutes = Math.round(this.config.OTP_TTL_SECONDS / 60);
    const text = (what: string) =>
      `Kode masuk ${what}: ${otp}. Berlaku ${minutes} menit. Jangan berikan kode ini kepada siapa pun.`;
    if ('bookingCode' in subject) {
      const { bookingCode } = subject;
      return {
        bookingCode,
        caller: CALLER,
        title: 'Kode masuk tiket',
        text: text(`tiket ${bookingCode}`),
      };
    }
    const { referralNumber } = subject;
    const referral = await this.scopes.referralPatient(referralNumber, correlationId);
    if (!referral) return null;
    return {
      patientRef: referral.patientRef,
      subject: `referral:${referral.id}`, // as notification-service names a referral's messages
      facilityCode: referral.originFacilityCode,
      caller: CALLER,
      title: 'Kode masuk rujukan',
      text: text(`rujukan ${referralNumber}`),
    };
  }

  async verify(subject: OtpSubject, otp: string, correlationId: string): Promise<IssuedToken> {
    const invalid = () =>
      new DomainError(AuthErrorCode.OtpInvalid, 'Kode salah atau sudah tidak berlaku.');
    const result = (await this.redis.eval(
      CHECK,
      1,
      key(subject),
      this.digest(subject, otp),
      String(OTP_MAX_ATTEMPTS),
    )) as number;
    if (result === -2)
      throw new DomainError(
        CommonErrorCode.RateLimited,
        'Terlalu banyak percobaan. Minta kode baru.',
      );
    if (result !== 1) throw invalid();
    if ('bookingCode' in subject) {
      const { bookingCode } = subject;
      const owner = await this.scopes.ticketOwner(bookingCode, correlationId);
      return this.tokens.forPatient({
        bookingCode,
        facilityCode: owner?.facilityCode ?? null,
        patientRef: owner?.patientRef ?? null,
      });
    }
    const { referralNumber } = subject;
    const referral = await this.scopes.referralPatient(referralNumber, correlationId);
    if (!referral) throw invalid();
    return this.tokens.forReferralPatient({ referralNumber, patientRef: referral.patientRef });
  }
}
