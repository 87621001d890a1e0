import { routesOfControllers, routesOfDocument, unmappedErrorCodes } from '@app/http';
import { HealthController, MetricsController } from '@app/observability';
import { HTTP_CONTROLLERS } from './app.module';
import { REFERRAL_STATUS_TABLE } from './errors';
import { buildOpenApiDocument } from './openapi';
import { ROUTES } from './openapi-routes';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const served = routesOfControllers([...HTTP_CONTROLLERS, HealthController, MetricsController]);

  it('is OpenAPI 3.1 and documents exactly the routes the controllers serve', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(served.length).toBeGreaterThan(20);
    expect(routesOfDocument(doc)).toEqual(served);
  });

  it('gives every error code a route uses a status', () => {
    expect(unmappedErrorCodes(ROUTES, REFERRAL_STATUS_TABLE)).toEqual([]);
  });

  it('lists every REFERRAL.* error code somewhere, under the status the service answers with', () => {
    const listed = new Map<string, string>();
    for (const ops of Object.values(doc.paths))
      for (const op of Object.values(ops))
        for (const [status, res] of Object.entries(op.responses))
          for (const code of res['x-error-codes'] ?? []) listed.set(code, status);
    for (const [code, status] of Object.entries(REFERRAL_STATUS_TABLE)) {
      expect({ code, status: listed.get(code) }).toEqual({ code, status: String(status) });
    }
  });

  it('documents the Idempotency-Key of referral creation: 200 on a replay, 409 on another body', () => {
    const create = doc.paths['/v1/referrals'].post!;
    expect(create.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(['header:Idempotency-Key']);
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['200', '201']));
    expect(create.responses['409']['x-error-codes']).toContain('REFERRAL.IDEMPOTENCY_KEY_REUSED');
    expect(create.responses['400']['x-error-codes']).toContain('REFERRAL.IDEMPOTENCY_KEY_INVALID');
  });
});
