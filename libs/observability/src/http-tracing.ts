import {
  context,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
  type Span,
} from '@opentelemetry/api';
import {
  ATTR_HTTP_REQUEST_METHOD,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_HTTP_ROUTE,
  ATTR_URL_PATH,
} from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { contextFromHeaders, tracer } from './tracing';

const UNTRACED = /^\/(health|metrics)(\/|$|\?)/;

/**
 * A SERVER span per request, child of the caller's `traceparent` when it sends one, active while
 * the request is handled (so outbox rows, outgoing calls and log lines see it). The context is
 * entered again before the handler because body parsing runs in the socket's async context.
 */
export interface HttpTracingOptions {
  /**
   * Installs the hook that starts the span. It must run before any middleware (the request
   * logger reads the trace id): Nest's FastifyAdapter offers `setOnRequestHook` for that, as
   * middie's own hook is added before the app's code runs. Default: an ordinary onRequest hook.
   */
  installOnRequest?: (hook: OnRequest) => void;
  /** Re-enters other per-request async scopes (the request logger's) before the handler. */
  enterRequestScope?: (request: FastifyRequest, run: () => void) => void;
}

type OnRequest = (request: FastifyRequest, reply: FastifyReply, done: () => void) => void;

export function instrumentHttpTracing(
  fastify: FastifyInstance,
  options: HttpTracingOptions = {},
): void {
  const enterRequestScope = options.enterRequestScope ?? ((_, run) => run());
  const spans = new WeakMap<FastifyRequest, { span: Span; ctx: Context }>();
  const onRequest: OnRequest = (request, _reply, done) => {
    if (UNTRACED.test(request.url)) return done();
    const parent = contextFromHeaders(request.headers);
    const path = request.url.split('?')[0];
    const span = tracer().startSpan(
      request.method,
      {
        kind: SpanKind.SERVER,
        attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_URL_PATH]: path },
      },
      parent,
    );
    const ctx = trace.setSpan(parent, span);
    spans.set(request, { span, ctx });
    context.with(ctx, done);
  };
  if (options.installOnRequest) options.installOnRequest(onRequest);
  else fastify.addHook('onRequest', onRequest);
  fastify.addHook('preHandler', (request, _reply, done) => {
    const entry = spans.get(request);
    if (!entry) return done();
    context.with(entry.ctx, () => enterRequestScope(request, done));
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    const entry = spans.get(request);
    if (entry) {
      const route = request.routeOptions?.url;
      if (route) {
        entry.span.updateName(`${request.method} ${route}`);
        entry.span.setAttribute(ATTR_HTTP_ROUTE, route);
      }
      entry.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, reply.statusCode);
      if (reply.statusCode >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
      entry.span.end();
      spans.delete(request);
    }
    done();
  });
}
