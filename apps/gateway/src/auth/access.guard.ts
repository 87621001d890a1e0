import {
  createParamDecorator,
  Inject,
  Injectable,
  Logger,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '@app/http';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { accessOf, readScope, type RequestParts } from './access';
import { admitActor } from './actor-headers';
import {
  checkStatic,
  facilityForbidden,
  notYours,
  ownReferral,
  referralAllowed,
  type ReferralParties,
} from './access-policy';
import { AUTH_MESSAGES, AuthErrorCode } from './auth-errors';
import { RATE_LIMIT_METADATA, RateLimiter, type RateRule } from './rate-limit';
import type { Principal, Role } from './roles';
import { ScopeLookup } from './scope-lookup';
import { AccessTokens } from './tokens';

/** The request's principal once the guard let it through (undefined on public routes). */
export const PRINCIPAL = Symbol('principal');
export type AuthedRequest = FastifyRequest & { [PRINCIPAL]?: Principal };

/** The principal the guard admitted; a route that declares roles always has one. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal | undefined =>
    ctx.switchToHttp().getRequest<AuthedRequest>()[PRINCIPAL],
);

export function bearerOf(header: string | undefined): string | undefined {
  return /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header ?? '')?.[1];
}

/**
 * The one place HTTP access is decided: rate limits first, then the route's declaration (deny by
 * default: a route without one is refused), the token, the role and the facility/district/booking/
 * referral scope. Kafka handlers are not HTTP and pass.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    private readonly tokens: AccessTokens,
    private readonly scopes: ScopeLookup,
    private readonly limiter: RateLimiter,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const controller = context.getClass<Type<unknown>>();
    const handler = context.getHandler();
    const rules = Reflect.getMetadata(RATE_LIMIT_METADATA, handler) as RateRule[] | undefined;
    if (rules) await this.limiter.enforce(rules, this.config, req, reply);

    const spec = accessOf(controller, handler);
    if (!spec) {
      this.logger.error({ route: req.routeOptions.url }, 'route without an access declaration');
      throw new DomainError(AuthErrorCode.Forbidden, AUTH_MESSAGES.undeclared);
    }
    const token = bearerOf(req.headers.authorization);
    if (spec.public) {
      // A public route still knows who calls when a valid token comes along (e.g. logout).
      const principal = token && (await this.tokens.verify(token).catch(() => undefined));
      if (principal) admit(req, principal);
      return true;
    }
    if (!req.headers.authorization)
      throw new DomainError(AuthErrorCode.Required, AUTH_MESSAGES.required);
    if (!token) throw new DomainError(AuthErrorCode.TokenInvalid, AUTH_MESSAGES.tokenInvalid);
    const principal = await this.tokens.verify(token);
    const parts: RequestParts = {
      params: (req.params ?? {}) as Record<string, unknown>,
      query: (req.query ?? {}) as Record<string, unknown>,
      body: req.body,
    };
    const scope = {
      facility: spec.facility && readScope(spec.facility, parts),
      district: spec.district && readScope(spec.district, parts),
      booking: spec.booking && readScope(spec.booking, parts),
    };
    checkStatic(spec, principal, scope);
    if (principal.role !== 'system_admin') {
      const correlationId = String(req.id);
      if (spec.booking && principal.role !== 'patient' && scope.booking) {
        const facility = await this.scopes.ticketFacility(scope.booking, correlationId);
        if (facility !== null && facility !== principal.facilityCode) throw facilityForbidden();
      }
      const referralId = spec.referral && readScope(spec.referral, parts);
      if (referralId) {
        const mode = req.method === 'GET' ? 'read' : 'act';
        if (!(await this.referralReachable(principal, referralId, mode, spec.roles, correlationId)))
          throw facilityForbidden();
      }
      const number = spec.patientReferral && readScope(spec.patientReferral, parts);
      if (spec.patientReferral && principal.role === 'patient') {
        const own = number !== undefined && principal.referralNumber === number;
        const owner =
          own || !number ? null : await this.scopes.referralPatient(number, correlationId);
        if (!ownReferral(principal, number ?? '', owner?.patientRef ?? null)) throw notYours();
      }
    }
    admit(req, principal);
    return true;
  }

  /**
   * Whether staff reach a referral (true when it is not found: the route answers its 404). Its
   * destination changes on a forward, so cached parties only ever let a read through: an action
   * asks referral-service every time, and a cached refusal is asked again before it stands (the
   * hospital a referral was just forwarded to is never turned away by a stale answer). What is
   * left: a hospital that forwarded a referral twice away may read it for up to the cache TTL.
   */
  private async referralReachable(
    principal: Principal,
    id: string,
    mode: 'read' | 'act',
    roles: readonly Role[],
    correlationId: string,
  ): Promise<boolean> {
    const allowed = (p: ReferralParties | null) =>
      p === null || referralAllowed(principal, p, mode, roles);
    const cached = this.scopes.cachedReferralParties(id);
    if (mode === 'read' && cached && allowed(cached)) return true;
    return allowed(await this.scopes.referralParties(id, correlationId));
  }
}

/**
 * The principal reaches the handler (@CurrentPrincipal) and every upstream call made for the
 * request (X-Actor). Only once admitted: the guard's own scope lookups are the gateway's.
 */
function admit(req: AuthedRequest, principal: Principal): void {
  req[PRINCIPAL] = principal;
  admitActor(principal);
}
