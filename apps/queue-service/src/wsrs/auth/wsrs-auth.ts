import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { DomainError } from '@app/http';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueDb } from '../../database/queue-db';
import type { z } from 'zod';
import { parseWsrs } from '../wsrs.requests';
import { answer, type WsrsAnswer } from '../wsrs-response';
import { QueueErrorCode } from '../../errors';
import { WsrsRefusal } from '../wsrs-response';

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number) => Promise<Buffer>;
const KEY_LEN = 64;

export const WRONG_CREDENTIALS = 'Username atau Password Tidak Sesuai';
export const TOKEN_EXPIRED = 'Token Expired';
export const TOKEN_INVALID = 'Token Tidak Sesuai';

async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, KEY_LEN);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

async function passwordMatches(password: string, stored: string): Promise<boolean> {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scryptAsync(password, Buffer.from(salt, 'base64'), expected.length);
  return timingSafeEqual(actual, expected);
}

const b64 = (s: string) => Buffer.from(s).toString('base64url');
/** Changes when the password changes: every token issued before stops working. */
const versionOf = (passwordHash: string) =>
  createHash('sha256').update(passwordHash).digest('base64url').slice(0, 12);

interface TokenClaims {
  f: string;
  u: string;
  v: string;
  exp: number;
}

export interface WsrsAuthHeaders {
  'x-token'?: string;
  'x-username'?: string;
}

/**
 * WS RS authentication. Each facility has one username and password (scrypt-hashed) that BPJS
 * registers for its Mobile JKN calls. `GET token` trades them for a token: stateless, HMAC-SHA256
 * signed `<claims>.<signature>` with WSRS_TOKEN_SECRET, valid WSRS_TOKEN_TTL_SECONDS, bound to the
 * facility, the username and the current password (changing it revokes every token).
 */
@Injectable()
export class WsrsAuth {
  private readonly key: Buffer;

  constructor(
    private readonly db: QueueDb,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {
    this.key = createHmac('sha256', config.WSRS_TOKEN_SECRET || config.PATIENT_REF_SECRET)
      .update('wsrs-token')
      .digest();
  }

  async setCredentials(
    facilityCode: string,
    username: string,
    password: string,
  ): Promise<{ facilityCode: string; username: string; updatedAt: string }> {
    const facility = await this.db.facility.findUnique({ where: { code: facilityCode } });
    if (!facility) {
      throw new DomainError(
        QueueErrorCode.FacilityNotFound,
        `Faskes dengan kode ${facilityCode} tidak ditemukan.`,
      );
    }
    const passwordHash = await hashPassword(password);
    const now = new Date();
    await this.db.wsrsCredential.upsert({
      where: { facilityCode },
      create: { facilityCode, username, passwordHash, updatedAt: now },
      update: { username, passwordHash, updatedAt: now },
    });
    return { facilityCode, username, updatedAt: now.toISOString() };
  }

  async issueToken(
    facilityCode: string,
    username: string | undefined,
    password: string | undefined,
  ): Promise<string> {
    const cred = await this.db.wsrsCredential.findUnique({ where: { facilityCode } });
    if (
      !cred ||
      !username ||
      !password ||
      username !== cred.username ||
      !(await passwordMatches(password, cred.passwordHash))
    ) {
      throw new WsrsRefusal(WRONG_CREDENTIALS);
    }
    const claims: TokenClaims = {
      f: facilityCode,
      u: username,
      v: versionOf(cred.passwordHash),
      exp: Date.now() + this.config.WSRS_TOKEN_TTL_SECONDS * 1000,
    };
    const body = b64(JSON.stringify(claims));
    return `${body}.${this.sign(body)}`;
  }

  /** Checks `x-token` and `x-username` of a WS RS call; refuses with metadata 201 otherwise. */
  async verify(
    facilityCode: string,
    token: string | undefined,
    username: string | undefined,
  ): Promise<void> {
    if (!token) throw new WsrsRefusal('Token Tidak Ditemukan');
    const [body, signature] = token.split('.');
    const expected = body ? this.sign(body) : '';
    if (
      !body ||
      !signature ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      throw new WsrsRefusal(TOKEN_INVALID);
    }
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as TokenClaims;
    if (claims.f !== facilityCode) throw new WsrsRefusal(TOKEN_INVALID);
    if (!username || claims.u !== username) throw new WsrsRefusal('Username Tidak Sesuai');
    if (claims.exp <= Date.now()) throw new WsrsRefusal(TOKEN_EXPIRED);
    const cred = await this.db.wsrsCredential.findUnique({ where: { facilityCode } });
    if (!cred || cred.username !== username || versionOf(cred.passwordHash) !== claims.v) {
      throw new WsrsRefusal(TOKEN_EXPIRED);
    }
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  /**
   * One WS RS / WS FKTP call: the token is checked, the input parsed, and any refusal becomes
   * metadata.code 201 with its reason (the shape Mobile JKN expects, always HTTP 200).
   */
  authorised<S extends z.ZodType, T>(
    facilityCode: string,
    h: WsrsAuthHeaders,
    input: unknown,
    schema: S,
    run: (r: z.infer<S>) => Promise<WsrsAnswer<T>>,
  ): Promise<WsrsAnswer<T>> {
    return answer(async () => {
      await this.verify(facilityCode, h['x-token'], h['x-username']);
      return run(parseWsrs(schema, input));
    });
  }
}
