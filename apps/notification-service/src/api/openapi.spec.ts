import { routesOfControllers, routesOfDocument, unmappedErrorCodes } from '@app/http';
import { HTTP_CONTROLLERS, SHARED_HTTP_CONTROLLERS } from '../app.module';
import { NOTIFICATION_STATUS_TABLE } from '../errors';
import { buildOpenApiDocument, OPERATIONS } from './openapi';

describe('OpenAPI document', () => {
  const doc = buildOpenApiDocument();
  const served = routesOfControllers([...HTTP_CONTROLLERS, ...SHARED_HTTP_CONTROLLERS]);

  it('is OpenAPI 3.1 and documents exactly the routes the controllers serve', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(served.length).toBeGreaterThan(10);
    expect(routesOfDocument(doc)).toEqual(served);
  });

  it('gives every error code a route uses a status, and lists the codes per status', () => {
    expect(unmappedErrorCodes(OPERATIONS, NOTIFICATION_STATUS_TABLE)).toEqual([]);
    const replay = doc.paths['/v1/dead-letters/{id}/replay'].post!.responses;
    expect(replay['404']['x-error-codes']).toEqual(['NOTIFICATION.DEAD_LETTER_NOT_FOUND']);
    expect(replay['409']['x-error-codes']).toEqual(['NOTIFICATION.DEAD_LETTER_ALREADY_REPLAYED']);
    expect(replay['500']['x-error-codes']).toEqual(['COMMON.INTERNAL']);
  });

  it('describes bodies and parameters from the zod schemas', () => {
    const put = doc.paths['/v1/recipients/{recipient}/preferences'].put!;
    const body = put.requestBody!.content['application/json'].schema as {
      properties: Record<string, unknown>;
    };
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(['channels', 'optOut', 'quietHours', 'consentSource']),
    );
    expect(put.parameters).toEqual([expect.objectContaining({ name: 'recipient', in: 'path' })]);
    const list = doc.paths['/v1/notifications'].get!;
    expect(list.parameters.map((p) => p.name)).toEqual(['subject', 'recipient', 'limit']);
  });
});
