import { Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isBearerToken } from './bearer-token';
import { CommonErrorCode, DomainError } from './domain-error';
import { HttpErrorFilter } from './error-filter';
import { controllersOf, handledRoutesOf, toOpenApiPath } from './openapi';
import { serviceAuthExemption } from './service-auth-exempt';

/**
 * Service-to-service authentication of the internal services (queue-, referral-, notification-
 * service, bpjs-bridge): every HTTP route requires `Authorization: Bearer <INTERNAL_API_TOKEN>`
 * unless it is exempted, by name and with a reason, with @ServiceAuthExempt. The network policies
 * stay, but are no longer the only thing between a pod on the network and patient data.
 */

export const SERVICE_AUTH_MESSAGE =
  'Layanan internal: kirim Authorization: Bearer <INTERNAL_API_TOKEN> yang benar.';

/** Why a request was refused, for the log (never the token itself). */
function refusal(header: string | undefined): 'missing' | 'malformed' | 'wrong' {
  if (header === undefined || header === '') return 'missing';
  return /^Bearer \S+$/.test(header) ? 'wrong' : 'malformed';
}

type ModuleRoot = Parameters<typeof controllersOf>[0];

/**
 * The deny-by-default check, as a Fastify onRequest hook of the whole app: it runs before the body
 * is parsed and before any pipe or handler, so a caller without one of `tokens` (the current one,
 * and the previous one during a rotation) learns nothing, not even what is malformed, and changes
 * nothing: 401 COMMON.SERVICE_AUTH_REQUIRED. Compared in constant time. Exempt: the routes whose
 * handler or controller is @ServiceAuthExempt, read once from the module's own route metadata.
 * Unknown paths are refused too (a 404 would tell what exists).
 */
export function serviceAuthHook(
  module: ModuleRoot,
  tokens: readonly string[],
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  if (tokens.length === 0 || tokens.some((t) => t.length === 0))
    throw new Error('service authentication needs at least one non-empty token');
  const exempt = new Set(
    handledRoutesOf(controllersOf(module))
      .filter((r) => serviceAuthExemption(r.controller, r.handler) !== undefined)
      .map((r) => `${r.method} ${r.path}`),
  );
  const logger = new Logger('ServiceAuth');
  const [status, body] = new HttpErrorFilter().toResponse(
    new DomainError(CommonErrorCode.ServiceAuthRequired, SERVICE_AUTH_MESSAGE),
  );
  return async (request, reply) => {
    const route = request.routeOptions?.url;
    const method = request.method === 'HEAD' ? 'get' : request.method.toLowerCase();
    if (route !== undefined && exempt.has(`${method} ${toOpenApiPath(route)}`)) return;
    const header = request.headers.authorization;
    // Every token is compared (no early exit), so timing does not tell which one matched.
    const matches = tokens.map((token) => isBearerToken(header, token));
    if (matches.includes(true)) return;
    logger.warn(
      {
        method: request.method,
        route: route ?? 'unmatched',
        ip: request.ip,
        reason: refusal(header),
      },
      'service token refused',
    );
    await reply.code(status).send(body);
  };
}
