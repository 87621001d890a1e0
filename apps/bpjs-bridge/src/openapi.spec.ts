import { routesOfControllers, routesOfDocument, unmappedErrorCodes } from '@app/http';
import { HealthController, MetricsController } from '@app/observability';
import { HTTP_CONTROLLERS } from './app.module';
import { BRIDGE_STATUS_TABLE } from './errors';
import { buildOpenApiDocument, ROUTES } from './openapi';

describe('bpjs-bridge OpenAPI document', () => {
  it('documents exactly the routes the controllers serve', () => {
    const served = routesOfControllers([...HTTP_CONTROLLERS, HealthController, MetricsController]);
    expect(routesOfDocument(buildOpenApiDocument())).toEqual(served);
  });

  it('gives every error code a status', () => {
    expect(unmappedErrorCodes(ROUTES, BRIDGE_STATUS_TABLE)).toEqual([]);
  });
});
