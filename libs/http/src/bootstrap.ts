import type { IncomingMessage } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { correlationIdOf, enterRequestLogScope } from '@app/logging';
import { KafkaTracingInterceptor } from '@app/messaging';
import {
  instrumentHttpTracing,
  Metrics,
  startTracing,
  type TracingOptions,
} from '@app/observability';
import { clientErrorHandler, frameworkErrors } from './edge-errors';
import { HttpErrorFilter, type StatusTable } from './error-filter';
import { serviceAuthHook } from './service-auth';
import { UnstorableTextPipe } from './unstorable-text.pipe';

export interface HttpAppOptions {
  /** Maps this service's error codes to HTTP statuses. */
  statusTable?: StatusTable;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
  /** The service's name on its spans and where to export them (OTEL_EXPORTER_OTLP_ENDPOINT). */
  tracing?: TracingOptions;
  /**
   * Which X-Forwarded-For hops to believe for `request.ip`: true (all; internal services behind
   * the gateway) or a hop count (the public edge: only what its own proxies appended).
   */
  trustProxy?: boolean | number;
  /**
   * An internal service: every HTTP route requires one of these service tokens (current first, then
   * the previous one during a rotation) unless @ServiceAuthExempt. The public edge passes none.
   */
  serviceTokens?: readonly string[];
}

/**
 * Every service's HTTP edge is built the same way: Fastify, pino logs, the error filter, the
 * service-token guard (internal services), request metrics, trace context (incoming `traceparent`
 * continued, Kafka handlers in consumer spans), and shutdown hooks so SIGTERM drains requests and
 * closes Kafka, Redis and Postgres.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  if (options.tracing) startTracing(options.tracing);
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      bodyLimit: options.bodyLimit ?? 64 * 1024,
      trustProxy: options.trustProxy ?? true,
      // The request id is the correlation id: taken from the caller when it sends a sane one.
      genReqId: (req: { headers: IncomingMessage['headers'] }) =>
        correlationIdOf(req as IncomingMessage),
      frameworkErrors,
      clientErrorHandler,
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new HttpErrorFilter(options.statusTable));
  app.useGlobalPipes(new UnstorableTextPipe());
  const adapter = app.getHttpAdapter() as FastifyAdapter;
  const fastify = adapter.getInstance();
  instrumentHttpTracing(fastify, {
    installOnRequest: (hook) => adapter.setOnRequestHook(hook),
    enterRequestScope: (request, run) => enterRequestLogScope(request.raw, run),
  });
  app.get(Metrics).instrument(fastify);
  if (options.serviceTokens)
    fastify.addHook('onRequest', serviceAuthHook(module, options.serviceTokens));
  // Inherited by the Kafka microservice (inheritAppConfig), where it opens the consumer spans.
  app.useGlobalInterceptors(new KafkaTracingInterceptor());
  // On SIGTERM: stop the consumers, let Fastify finish the requests it has, then the shutdown hooks
  // (outbox relay, Kafka, Redis, Postgres); exit 0 once done, after pino has flushed.
  app.enableShutdownHooks([], { useProcessExit: true });
  return app;
}
