import type { IncomingMessage } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { correlationIdOf } from '@app/logging';
import { Metrics } from '@app/observability';
import { HttpErrorFilter, type StatusTable } from './error-filter';

export interface HttpAppOptions {
  /** Maps this service's error codes to HTTP statuses. */
  statusTable?: StatusTable;
  /** Largest accepted request body, in bytes. */
  bodyLimit?: number;
}

/**
 * Every service's HTTP edge is built the same way: Fastify, pino logs, the error filter, request
 * metrics, and shutdown hooks so SIGTERM drains requests and closes Kafka, Redis and Postgres.
 */
export async function createHttpApp(
  module: Type<unknown> | DynamicModule,
  options: HttpAppOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    module,
    new FastifyAdapter({
      bodyLimit: options.bodyLimit ?? 64 * 1024,
      trustProxy: true,
      // The request id is the correlation id: taken from the caller when it sends a sane one.
      genReqId: (req: { headers: IncomingMessage['headers'] }) =>
        correlationIdOf(req as IncomingMessage),
    }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.useGlobalFilters(new HttpErrorFilter(options.statusTable));
  app.get(Metrics).instrument(app.getHttpAdapter().getInstance());
  app.enableShutdownHooks();
  return app;
}
