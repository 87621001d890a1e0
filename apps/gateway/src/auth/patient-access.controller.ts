import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { REFERRAL_NUMBER } from '@app/contracts';
import { CorrelationId, ZodPipe } from '@app/http';
import { Public } from './access';
import { PatientOtp, type OtpSubject } from './patient-otp.service';
import { by, RateLimit, type RateRule } from './rate-limit';
import type { IssuedToken } from './tokens';

const bookingCode = z.string().regex(/^[0-9A-Z]{6,16}$/, 'kode booking tidak valid');
const otp = z.string().regex(/^\d{6}$/, 'kode harus 6 angka');
/** A booking code or a referral number (exactly one): what the code will open. */
export const patientOtpRequest = z.union([
  z.object({ bookingCode }).strict(),
  z.object({ referralNumber: REFERRAL_NUMBER }).strict(),
]);
export const patientOtpVerifyRequest = z.union([
  z.object({ bookingCode, otp }).strict(),
  z.object({ referralNumber: REFERRAL_NUMBER, otp }).strict(),
]);

const subjectOf = (body: OtpSubject): OtpSubject =>
  'bookingCode' in body
    ? { bookingCode: body.bookingCode }
    : { referralNumber: body.referralNumber };

/** Codes sent per booking or per referral: keyed on whichever the body names. */
const perSubject = (req: FastifyRequest): string | undefined => {
  const booking = by.body('bookingCode')(req);
  const referral = by.body('referralNumber')(req);
  return booking ? `booking:${booking}` : referral ? `referral:${referral}` : undefined;
};

const perIp: RateRule = {
  name: 'otp-ip',
  windowSeconds: 60,
  max: (c) => c.RATE_LIMIT_OTP_IP_PER_MINUTE,
  key: by.ip,
};

/**
 * A patient's access to their booking or referral from another device: a one-time code to their
 * phone.
 */
@Controller('api/v1/auth/patient')
export class PatientAccessController {
  constructor(private readonly otp: PatientOtp) {}

  @Post('otp')
  @HttpCode(202)
  @Public('the patient has no account; the code goes to the phone on file (rate-limited)')
  @RateLimit(perIp, {
    name: 'otp-send',
    windowSeconds: 3600,
    max: (c) => c.RATE_LIMIT_OTP_SEND_PER_HOUR,
    key: perSubject,
  })
  async request(
    @Body(new ZodPipe(patientOtpRequest)) body: z.infer<typeof patientOtpRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.otp.send(subjectOf(body), correlationId);
  }

  @Post('verify')
  @HttpCode(200)
  @Public('the one-time code is the credential (5 tries per code, rate-limited per IP)')
  @RateLimit(perIp)
  verify(
    @Body(new ZodPipe(patientOtpVerifyRequest)) body: z.infer<typeof patientOtpVerifyRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<IssuedToken> {
    return this.otp.verify(subjectOf(body), body.otp, correlationId);
  }
}
