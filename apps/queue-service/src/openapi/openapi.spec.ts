import type { Type } from '@nestjs/common';
import {
  CommonErrorCode,
  routesOfControllers,
  routesOfDocument,
  unmappedErrorCodes,
} from '@app/http';
import { HealthController, MetricsController } from '@app/observability';
import { QueueServiceModule } from '../app.module';
import type { QueueConfig } from '../config';
import { QUEUE_STATUS_TABLE, QueueErrorCode } from '../errors';
import { buildOpenApiDocument } from './openapi';
import { ROUTES } from './routes';

/** The controllers the app module mounts (forRoot only describes the module; nothing connects). */
function mountedControllers(): Array<Type<unknown>> {
  const config = {
    LOG_LEVEL: 'silent',
    KAFKA_BROKERS: ['localhost:9092'],
  } as unknown as QueueConfig;
  return QueueServiceModule.forRoot(config).controllers ?? [];
}

describe('queue-service OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const served = routesOfControllers([
    ...mountedControllers(),
    HealthController,
    MetricsController,
  ]);

  it('is OpenAPI 3.1 and documents exactly the routes the controllers serve', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(served.length).toBeGreaterThan(20);
    expect(routesOfDocument(doc)).toEqual(served);
  });

  it('gives every error code a route uses a status in QUEUE_STATUS_TABLE or COMMON', () => {
    expect(unmappedErrorCodes(ROUTES, QUEUE_STATUS_TABLE)).toEqual([]);
    const known = new Set<string>([
      ...Object.values(QueueErrorCode),
      ...Object.values(CommonErrorCode),
    ]);
    expect(ROUTES.flatMap((r) => r.errors).filter((c) => !known.has(c))).toEqual([]);
  });

  it('lists each code under the status the error filter answers it with', () => {
    const book = doc.paths['/v1/facilities/{facilityCode}/tickets'].post!;
    expect(Object.keys(book.responses).sort()).toEqual([
      '200',
      '201',
      '400',
      '401', // COMMON.SERVICE_AUTH_REQUIRED: every route but probes, document and WS RS
      '404',
      '409',
      '422',
      '500',
      '503',
    ]);
    expect(book.responses['401']['x-error-codes']).toEqual(['COMMON.SERVICE_AUTH_REQUIRED']);
    expect(book.responses['409']['x-error-codes']).toEqual([
      QueueErrorCode.IdempotencyKeyReused,
      QueueErrorCode.QuotaExhausted,
      QueueErrorCode.DuplicateBooking,
      QueueErrorCode.ReferenceInUse,
    ]);
    expect(book.parameters.map((p) => `${p.in}:${p.name}`)).toEqual([
      'path:facilityCode',
      'header:Idempotency-Key',
    ]);
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops))
        for (const [status, res] of Object.entries(op.responses))
          for (const code of res['x-error-codes'] ?? [])
            expect({ code, status: Number(status) }).toEqual({
              code,
              status: doc['x-error-codes'][code],
            });
  });

  it('describes request bodies and query parameters from the zod schemas', () => {
    const cancel = doc.paths['/v1/tickets/{bookingCode}/cancel'].post!;
    const body = cancel.requestBody!.content['application/json'].schema as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(body.properties)).toEqual(['reason', 'by']);
    const kpis = doc.paths['/v1/facilities/{facilityCode}/kpis'].get!;
    expect(kpis.parameters.map((p) => p.name)).toEqual(['facilityCode', 'date', 'poliCode']);
  });
});
