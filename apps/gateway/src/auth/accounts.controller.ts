import { Body, Controller, Get, Post } from '@nestjs/common';
import { DomainError, ZodPipe } from '@app/http';
import { Access } from './access';
import { CurrentPrincipal } from './access.guard';
import { createAccountRequest, type CreateAccountRequest } from './account-requests';
import { AccountsService } from './accounts.service';
import { AUTH_MESSAGES, AuthErrorCode } from './auth-errors';
import type { AccountView, Principal } from './roles';

/**
 * Staff accounts: system_admin manages all; a facility_admin creates and lists its own facility's
 * staff (the service checks the facility, since it is in the body).
 */
@Controller('api/v1/accounts')
@Access({ roles: ['system_admin', 'facility_admin'] })
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  create(
    @CurrentPrincipal() principal: Principal | undefined,
    @Body(new ZodPipe(createAccountRequest)) body: CreateAccountRequest,
  ): Promise<AccountView> {
    return this.accounts.create(required(principal), body);
  }

  @Get()
  list(@CurrentPrincipal() principal: Principal | undefined): Promise<AccountView[]> {
    return this.accounts.list(required(principal));
  }
}

function required(p: Principal | undefined): Principal {
  if (!p) throw new DomainError(AuthErrorCode.Required, AUTH_MESSAGES.required);
  return p;
}
