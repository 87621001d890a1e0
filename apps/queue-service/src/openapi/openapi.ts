import { buildOpenApiDocument as build, type OpenApiDocument } from '@app/http';
import { QUEUE_STATUS_TABLE } from '../errors';
import { ROUTES } from './routes';

/** The OpenAPI 3.1 document, built from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): OpenApiDocument {
  return build({
    title: 'queue-service (antrean)',
    version: '1.0.0',
    description:
      'Antrean online faskes: ambil antrean, check-in, panggilan loket, papan ruang tunggu, KPI. ' +
      'Galat selalu {error:{code,message}}; kode stabil tercantum per operasi (x-error-codes).',
    routes: ROUTES,
    errorStatus: QUEUE_STATUS_TABLE,
    serviceAuth: true,
  });
}
