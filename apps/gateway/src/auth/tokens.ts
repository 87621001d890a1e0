import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { signJwt, verifyJwt } from './jwt';
import type Redis from 'ioredis';
import { DomainError } from '@app/http';
import { REDIS } from '@app/redis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { AUTH_MESSAGES, AuthErrorCode } from './auth-errors';
import { roleSchema, type AccountView, type Principal } from './roles';

const ISSUER = 'antrean-rujukan-gateway';
const denyKey = (jti: string) => `gateway:auth:denied:${jti}`;

export interface IssuedToken {
  accessToken: string;
  accessTokenExpiresAt: string;
}

/**
 * Short-lived access tokens (HS256 JWT with a jti). A logged-out token's jti sits in Redis until
 * the token would have expired anyway, so every gateway instance refuses it at once.
 */
@Injectable()
export class AccessTokens {
  private readonly key: Buffer;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.key = Buffer.from(config.AUTH_JWT_SECRET, 'utf8');
  }

  forAccount(account: AccountView): Promise<IssuedToken> {
    return this.sign(
      account.id,
      {
        role: account.role,
        usr: account.username,
        fac: account.facilityCode,
        dst: account.district,
      },
      this.config.AUTH_ACCESS_TOKEN_TTL_SECONDS,
    );
  }

  /** A patient's token for one booking (and its facility, so staff scoping need not look it up). */
  forPatient(booking: {
    bookingCode: string;
    facilityCode: string | null;
    patientRef?: string | null;
  }): Promise<IssuedToken> {
    return this.sign(
      `patient:${booking.bookingCode}`,
      {
        role: 'patient',
        bkc: booking.bookingCode,
        fac: booking.facilityCode,
        prf: booking.patientRef ?? null,
      },
      this.config.PATIENT_TOKEN_TTL_SECONDS,
    );
  }

  /** A patient's token for one referral and its patient (their other referrals, their inbox). */
  forReferralPatient(referral: {
    referralNumber: string;
    patientRef: string;
  }): Promise<IssuedToken> {
    return this.sign(
      `patient:referral:${referral.referralNumber}`,
      { role: 'patient', rfn: referral.referralNumber, prf: referral.patientRef },
      this.config.PATIENT_TOKEN_TTL_SECONDS,
    );
  }

  private sign(
    subject: string,
    claims: Record<string, string | null>,
    ttlSeconds: number,
  ): Promise<IssuedToken> {
    const iat = Math.floor(Date.now() / 1000);
    const exp = iat + ttlSeconds;
    const accessToken = signJwt(
      { ...claims, sub: subject, iss: ISSUER, jti: randomUUID(), iat, exp },
      this.key,
    );
    return Promise.resolve({
      accessToken,
      accessTokenExpiresAt: new Date(exp * 1000).toISOString(),
    });
  }

  /** The principal of a valid, not revoked token; AUTH.TOKEN_INVALID otherwise. */
  async verify(token: string): Promise<Principal> {
    const invalid = new DomainError(AuthErrorCode.TokenInvalid, AUTH_MESSAGES.tokenInvalid);
    const payload = verifyJwt(token, this.key);
    if (!payload || payload.iss !== ISSUER) throw invalid;
    const role = roleSchema.safeParse(payload.role);
    const { jti, sub, exp } = payload;
    if (!role.success || typeof jti !== 'string' || typeof sub !== 'string') throw invalid;
    if (typeof exp !== 'number') throw invalid;
    if (await this.redis.exists(denyKey(jti))) throw invalid;
    const str = (v: unknown) => (typeof v === 'string' ? v : null);
    return {
      role: role.data,
      subject: sub,
      username: str(payload.usr),
      facilityCode: str(payload.fac),
      district: str(payload.dst),
      bookingCode: str(payload.bkc),
      referralNumber: str(payload.rfn),
      patientRef: str(payload.prf),
      jti,
      exp,
    };
  }

  /** Refuses the token from now until it expires. */
  async revoke(principal: Principal): Promise<void> {
    const ttl = principal.exp - Math.floor(Date.now() / 1000);
    if (ttl > 0) await this.redis.set(denyKey(principal.jti), '1', 'EX', ttl);
  }
}
