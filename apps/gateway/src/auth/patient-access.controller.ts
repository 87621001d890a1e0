import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { CorrelationId, ZodPipe } from '@app/http';
import { Public } from './access';
import { PatientOtp } from './patient-otp.service';
import { by, RateLimit, type RateRule } from './rate-limit';
import type { IssuedToken } from './tokens';

export const bookingCode = z.string().regex(/^[0-9A-Z]{6,16}$/, 'kode booking tidak valid');
export const otpRequest = z.object({ bookingCode }).strict();
export const verifyRequest = z.object({ bookingCode, otp: z.string().regex(/^\d{6}$/) }).strict();

const perIp: RateRule = {
  name: 'otp-ip',
  windowSeconds: 60,
  max: (c) => c.RATE_LIMIT_OTP_IP_PER_MINUTE,
  key: by.ip,
};

/** A patient's access to their booking from another device: a one-time code to their phone. */
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
    key: by.body('bookingCode'),
  })
  async request(
    @Body(new ZodPipe(otpRequest)) body: z.infer<typeof otpRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<void> {
    await this.otp.send(body.bookingCode, correlationId);
  }

  @Post('verify')
  @HttpCode(200)
  @Public('the one-time code is the credential (5 tries per code, rate-limited per IP)')
  @RateLimit(perIp)
  verify(
    @Body(new ZodPipe(verifyRequest)) body: z.infer<typeof verifyRequest>,
    @CorrelationId() correlationId: string,
  ): Promise<IssuedToken> {
    return this.otp.verify(body.bookingCode, body.otp, correlationId);
  }
}
