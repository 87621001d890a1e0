import { buildOpenApiDocument as build, type OpenApiDocument } from '@app/http';
import { REFERRAL_STATUS_TABLE } from './errors';
import { ROUTES } from './openapi-routes';

/** Outgoing webhook to hospitals: documented here, as it is no route of this service. */
const webhooks = {
  referralEvent: {
    post: {
      summary: 'Event rujukan ke webhook RS (amplop event yang sama dengan di Kafka)',
      description:
        'Header X-Antrean-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + body)>. ' +
        'Tolak bila |sekarang - t| > 300 detik (jendela replay). Idempotency-Key = id pengiriman: ' +
        'proses sekali saja. Balas 2xx; selain itu dikirim ulang dengan backoff, tidak pernah dibuang.',
      parameters: ['X-Antrean-Signature', 'Idempotency-Key', 'X-Antrean-Event-Type'].map(
        (name) => ({ name, in: 'header', required: true, schema: { type: 'string' } }),
      ),
      responses: { 200: { description: 'Diterima' } },
    },
  },
};

/** The OpenAPI 3.1 document, built from the same zod schemas the routes validate with. */
export function buildOpenApiDocument(): OpenApiDocument {
  return build({
    title: 'referral-service (rujukan)',
    version: '1.0.0',
    description:
      'Rujukan FKTP → RS dengan loop tertutup. Galat selalu {error:{code,message}}; kode stabil tercantum per operasi (x-error-codes).',
    routes: ROUTES,
    errorStatus: REFERRAL_STATUS_TABLE,
    serviceAuth: true,
    extra: { webhooks },
  });
}
