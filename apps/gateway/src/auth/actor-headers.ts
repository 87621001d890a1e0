import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyInstance } from 'fastify';
import type { Principal } from './roles';

/** One per HTTP request: empty until the access guard admits a principal, then naming it. */
interface RequestActor {
  principal?: Principal;
}

const requestActor = new AsyncLocalStorage<RequestActor>();

/**
 * Opens the request's actor scope around everything Nest runs for it (guards, interceptors, the
 * handler and the upstream calls they make). A preHandler hook, as the tracing scope: Fastify has
 * read the body by then (reading it loses the async context) and calls the route synchronously.
 */
export function installRequestActorScope(fastify: FastifyInstance): void {
  fastify.addHook('preHandler', (_request, _reply, done) => requestActor.run({}, done));
}

/** The access guard's part: from now on this request's upstream calls name `principal`. */
export function admitActor(principal: Principal): void {
  const scope = requestActor.getStore();
  if (scope) scope.principal = principal;
}

/** Runs `fn` as `principal` outside an HTTP request (tests, a handler of another transport). */
export function runAsActor<T>(principal: Principal | undefined, fn: () => T): T {
  return requestActor.run({ principal }, fn);
}

/**
 * Who stands behind an upstream call, for the services' audit of patient data (referral-service
 * records X-Actor with every disclosure of identifiers): the account (or `patient:<booking>`) the
 * access guard admitted for the current request, and the gateway as the calling service. Only the
 * edge sets these; UpstreamClient writes them over anything a caller passed under those names.
 */
export function actorHeaders(): Record<string, string> {
  const headers: Record<string, string> = { 'x-caller': 'gateway' };
  const subject = requestActor.getStore()?.principal?.subject;
  if (subject && /^[A-Za-z0-9][A-Za-z0-9._:@-]{1,99}$/.test(subject)) headers['x-actor'] = subject;
  return headers;
}
