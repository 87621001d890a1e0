import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { DomainError, ZodPipe } from '@app/http';
import { Access, Public } from './access';
import { CurrentPrincipal } from './access.guard';
import { loginRequest, logoutRequest, refreshRequest } from './account-requests';
import { AccountsService, type LoginAnswer } from './accounts.service';
import { AUTH_MESSAGES, AuthErrorCode } from './auth-errors';
import { by, RateLimit } from './rate-limit';
import { ROLES, type AccountView, type Principal } from './roles';
import type { z } from 'zod';

const ANYONE_SIGNED_IN = { roles: ROLES } as const;

function signedIn(p: Principal | undefined): Principal {
  if (!p) throw new DomainError(AuthErrorCode.Required, AUTH_MESSAGES.required);
  return p;
}

/** Login, token refresh, logout and "who am I" (AUTH-CONTRACT, apps/gateway/README.md). */
@Controller('api/v1/auth')
export class AuthController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('login')
  @HttpCode(200)
  @Public('anyone may try to log in (rate-limited per IP and per IP + username)')
  @RateLimit(
    {
      name: 'login-ip',
      windowSeconds: 60,
      max: (c) => c.RATE_LIMIT_LOGIN_IP_PER_MINUTE,
      key: by.ip,
    },
    {
      name: 'login-user',
      windowSeconds: 60,
      max: (c) => c.RATE_LIMIT_LOGIN_PER_MINUTE,
      key: by.ipAndBody('username'),
    },
  )
  login(@Body(new ZodPipe(loginRequest)) body: z.infer<typeof loginRequest>): Promise<LoginAnswer> {
    return this.accounts.login(body.username, body.password);
  }

  @Post('refresh')
  @HttpCode(200)
  @Public('the refresh token in the body is the credential')
  @RateLimit({
    name: 'refresh-ip',
    windowSeconds: 60,
    max: (c) => c.RATE_LIMIT_LOGIN_IP_PER_MINUTE,
    key: by.ip,
  })
  refresh(
    @Body(new ZodPipe(refreshRequest)) body: z.infer<typeof refreshRequest>,
  ): Promise<LoginAnswer> {
    return this.accounts.refresh(body.refreshToken);
  }

  @Post('logout')
  @HttpCode(204)
  @Access(ANYONE_SIGNED_IN)
  async logout(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body(new ZodPipe(logoutRequest)) body: z.infer<typeof logoutRequest>,
  ): Promise<void> {
    await this.accounts.logout(signedIn(principal), body.refreshToken);
  }

  @Get('me')
  @Access(ANYONE_SIGNED_IN)
  me(@CurrentPrincipal() principal: Principal | undefined): Promise<AccountView> {
    return this.accounts.me(signedIn(principal));
  }
}
