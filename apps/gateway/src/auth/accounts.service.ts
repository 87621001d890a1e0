import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DomainError } from '@app/http';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { GatewayDb } from '../database/gateway-db';
import type { StaffAccount } from '../generated/prisma/client';
import { facilityForbidden, forbidden } from './access-policy';
import type { CreateAccountRequest } from './account-requests';
import { AuthErrorCode } from './auth-errors';
import { hashPassword, verifyPassword } from './passwords';
import { roleSchema, type AccountView, type Principal } from './roles';
import { AccessTokens, type IssuedToken } from './tokens';

export interface LoginAnswer extends IssuedToken {
  refreshToken: string;
  refreshTokenExpiresAt: string;
  account: AccountView;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

function view(a: StaffAccount): AccountView {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    role: roleSchema.parse(a.role),
    facilityCode: a.facilityCode,
    district: a.district,
  };
}

const invalidCredentials = () =>
  new DomainError(AuthErrorCode.InvalidCredentials, 'Nama pengguna atau kata sandi salah.');
const refreshInvalid = () =>
  new DomainError(AuthErrorCode.RefreshInvalid, 'Sesi sudah berakhir. Silakan masuk kembali.');

/**
 * Staff accounts and their sessions. A session is a family of refresh tokens: each refresh uses
 * one up and issues the next; a used one presented again means it was stolen (or replayed), so
 * the whole family dies and both holders must log in again.
 */
@Injectable()
export class AccountsService implements OnApplicationBootstrap {
  private readonly logger = new Logger('AccountsService');

  constructor(
    private readonly db: GatewayDb,
    private readonly tokens: AccessTokens,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Creates the configured system_admin once (no-op when the username exists). */
  async onApplicationBootstrap(): Promise<void> {
    const { BOOTSTRAP_ADMIN_USERNAME: username, BOOTSTRAP_ADMIN_PASSWORD: password } = this.config;
    if (!username || !password) return;
    const exists = await this.db.staffAccount.findUnique({ where: { username } });
    if (exists) return;
    await this.db.staffAccount
      .create({
        data: {
          id: randomUUID(),
          username,
          displayName: 'Administrator sistem',
          role: 'system_admin',
          passwordHash: await hashPassword(password),
          createdBy: 'bootstrap',
        },
      })
      .catch((e: unknown) => {
        // Another instance created it at the same moment: that is the same outcome.
        if ((e as { code?: string }).code !== 'P2002') throw e;
      });
    this.logger.log({ username }, 'bootstrap system_admin created');
  }

  async login(username: string, password: string): Promise<LoginAnswer> {
    const account = await this.db.staffAccount.findUnique({
      where: { username: username.toLowerCase() },
    });
    const ok = await verifyPassword(account?.passwordHash ?? null, password);
    if (!account || !ok || account.disabled) throw invalidCredentials();
    return this.session(account, randomUUID());
  }

  async refresh(refreshToken: string): Promise<LoginAnswer> {
    const hash = sha256(refreshToken);
    const row = await this.db.refreshToken.findUnique({
      where: { tokenHash: hash },
      include: { account: true },
    });
    if (!row) throw refreshInvalid();
    const now = new Date();
    if (row.usedAt || row.revokedAt) {
      await this.revokeFamily(row.familyId);
      throw new DomainError(
        AuthErrorCode.RefreshReused,
        'Sesi ini dipakai dua kali dan telah dihentikan demi keamanan. Silakan masuk kembali.',
      );
    }
    if (row.expiresAt <= now || row.account.disabled) throw refreshInvalid();
    // Only one of two concurrent refreshes with the same token wins; the other is a reuse.
    const used = await this.db.refreshToken.updateMany({
      where: { tokenHash: hash, usedAt: null, revokedAt: null },
      data: { usedAt: now },
    });
    if (used.count !== 1) {
      await this.revokeFamily(row.familyId);
      throw new DomainError(AuthErrorCode.RefreshReused, 'Sesi ini dipakai dua kali.');
    }
    return this.session(row.account, row.familyId);
  }

  /** Ends the session: the refresh token's family (when given and the caller's) and the access token. */
  async logout(principal: Principal, refreshToken: string | undefined): Promise<void> {
    if (refreshToken) {
      const row = await this.db.refreshToken.findUnique({
        where: { tokenHash: sha256(refreshToken) },
      });
      if (row && row.accountId === principal.subject) await this.revokeFamily(row.familyId);
    }
    await this.tokens.revoke(principal);
  }

  async me(principal: Principal): Promise<AccountView> {
    if (principal.role === 'patient') {
      return {
        id: principal.subject,
        username: principal.subject,
        displayName: 'Pasien',
        role: 'patient',
        facilityCode: principal.facilityCode,
        district: null,
      };
    }
    const account = await this.db.staffAccount.findUnique({ where: { id: principal.subject } });
    if (!account || account.disabled)
      throw new DomainError(AuthErrorCode.TokenInvalid, 'Akun tidak ditemukan.');
    return view(account);
  }

  /** system_admin creates any staff account; a facility_admin only its own facility's staff. */
  async create(by: Principal, req: CreateAccountRequest): Promise<AccountView> {
    if (by.role === 'facility_admin') {
      if (req.role === 'system_admin' || req.role === 'district_officer') throw forbidden();
      if (req.facilityCode !== by.facilityCode) throw facilityForbidden();
    } else if (by.role !== 'system_admin') throw forbidden();
    try {
      const account = await this.db.staffAccount.create({
        data: {
          id: randomUUID(),
          username: req.username,
          displayName: req.displayName,
          role: req.role,
          facilityCode: req.facilityCode ?? null,
          district: req.district ?? null,
          passwordHash: await hashPassword(req.password),
          createdBy: by.username ?? by.subject,
        },
      });
      return view(account);
    } catch (e) {
      if ((e as { code?: string }).code === 'P2002')
        throw new DomainError(
          AuthErrorCode.UsernameTaken,
          `Nama pengguna ${req.username} sudah dipakai.`,
        );
      throw e;
    }
  }

  async list(by: Principal): Promise<AccountView[]> {
    const where = by.role === 'system_admin' ? {} : { facilityCode: by.facilityCode ?? '-' };
    const rows = await this.db.staffAccount.findMany({ where, orderBy: { username: 'asc' } });
    return rows.map(view);
  }

  private async session(account: StaffAccount, familyId: string): Promise<LoginAnswer> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.AUTH_REFRESH_TOKEN_TTL_SECONDS * 1000);
    await this.db.refreshToken.create({
      data: { tokenHash: sha256(refreshToken), familyId, accountId: account.id, expiresAt },
    });
    const accountView = view(account);
    return {
      ...(await this.tokens.forAccount(accountView)),
      refreshToken,
      refreshTokenExpiresAt: expiresAt.toISOString(),
      account: accountView,
    };
  }

  private async revokeFamily(familyId: string): Promise<void> {
    await this.db.refreshToken.updateMany({
      where: { familyId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
}
