import {
  Logger,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { HealthController, MetricsController } from '@app/observability';
import { isBearerToken } from './bearer-token';
import { CommonErrorCode, DomainError } from './domain-error';

/**
 * Service-to-service authentication of the internal services (queue-, referral-, notification-
 * service, bpjs-bridge): every HTTP route requires `Authorization: Bearer <INTERNAL_API_TOKEN>`
 * unless it is exempted, by name and with a reason, with @ServiceAuthExempt. The network policies
 * stay, but are no longer the only thing between a pod on the network and patient data.
 */

export const SERVICE_AUTH_EXEMPT = 'http:service-auth-exempt';

/** Open without the service token; `reason` says why that is right (tests list every exemption). */
export const ServiceAuthExempt = (reason: string) => SetMetadata(SERVICE_AUTH_EXEMPT, reason);

/** The exemption reason of a handler (its own, else its controller's), undefined when guarded. */
export function serviceAuthExemption(
  controller: Type<unknown>,
  handler: object,
): string | undefined {
  return (Reflect.getMetadata(SERVICE_AUTH_EXEMPT, handler) ??
    Reflect.getMetadata(SERVICE_AUTH_EXEMPT, controller)) as string | undefined;
}

// Controllers every service mounts from @app/observability (which cannot import this library).
ServiceAuthExempt('liveness and readiness probes: the kubelet sends no token; status only')(
  HealthController,
);
ServiceAuthExempt(
  'Prometheus scrape sends no token: counts and timings only, no patient data; NetworkPolicy admits the monitoring namespace only',
)(MetricsController);

export const SERVICE_AUTH_MESSAGE =
  'Layanan internal: kirim Authorization: Bearer <INTERNAL_API_TOKEN> yang benar.';

/** Why a request was refused, for the log (never the token itself). */
function refusal(header: string | undefined): 'missing' | 'malformed' | 'wrong' {
  if (header === undefined || header === '') return 'missing';
  return /^Bearer \S+$/.test(header) ? 'wrong' : 'malformed';
}

/**
 * Global guard: refuses a request without one of `tokens` (the current one, and the previous one
 * during a rotation) with 401 COMMON.SERVICE_AUTH_REQUIRED before any handler or pipe runs, so a
 * refused request changes nothing. Compared in constant time. Kafka handlers are not HTTP: let through.
 */
export class ServiceAuthGuard implements CanActivate {
  private readonly logger = new Logger('ServiceAuth');

  constructor(private readonly tokens: readonly string[]) {
    if (tokens.length === 0 || tokens.some((t) => t.length === 0))
      throw new Error('ServiceAuthGuard needs at least one non-empty token');
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const controller = context.getClass();
    if (serviceAuthExemption(controller, context.getHandler()) !== undefined) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers.authorization;
    // Every token is compared (no early exit), so timing does not tell which one matched.
    const matches = this.tokens.map((token) => isBearerToken(header, token));
    if (matches.includes(true)) return true;
    this.logger.warn(
      {
        method: request.method,
        route: request.routeOptions?.url,
        ip: request.ip,
        reason: refusal(header),
      },
      'service token refused',
    );
    throw new DomainError(CommonErrorCode.ServiceAuthRequired, SERVICE_AUTH_MESSAGE);
  }
}
