import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };
import type Redis from 'ioredis';
import { DomainError } from '@app/http';
import { REDIS } from '@app/redis';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { AUTH_MESSAGES, AuthErrorCode } from './auth-errors';
import { roleSchema, type AccountView, type Principal } from './roles';

// jose ships ES modules only; Node 20.19+ loads them through require() (the build emits CommonJS).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { jwtVerify, SignJWT } = require('jose') as typeof Jose;

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
  private readonly key: Uint8Array;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.key = new TextEncoder().encode(config.AUTH_JWT_SECRET);
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

  private async sign(
    subject: string,
    claims: Record<string, string | null>,
    ttlSeconds: number,
  ): Promise<IssuedToken> {
    const exp = Math.floor(Date.now() / 1000) + ttlSeconds;
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(subject)
      .setIssuer(ISSUER)
      .setJti(randomUUID())
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(this.key);
    return { accessToken, accessTokenExpiresAt: new Date(exp * 1000).toISOString() };
  }

  /** The principal of a valid, not revoked token; AUTH.TOKEN_INVALID otherwise. */
  async verify(token: string): Promise<Principal> {
    const invalid = new DomainError(AuthErrorCode.TokenInvalid, AUTH_MESSAGES.tokenInvalid);
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        algorithms: ['HS256'],
      }));
    } catch {
      throw invalid;
    }
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
