import { routesOfControllers, routesOfDocument, unmappedErrorCodes } from '@app/http';
import { AUTH_STATUS } from '../auth/auth-errors';
import { mountedControllers } from '../auth/mounted-routes.testing';
import { declaredRoutes } from '../auth/route-table';
import { buildGatewayOpenApiDocument, GATEWAY_ROUTES } from './openapi';

describe('gateway OpenAPI document', () => {
  // What Nest will route: every controller the module mounts, the document's own included.
  const controllers = mountedControllers();
  const declared = declaredRoutes(controllers);
  const doc = buildGatewayOpenApiDocument(declared);

  it('documents exactly the routes the gateway mounts (a new route needs its GATEWAY_ROUTES entry)', () => {
    expect(routesOfDocument(doc)).toEqual(routesOfControllers(controllers));
  });

  it("states each route's security and roles from its @Access / @Public declaration", () => {
    for (const route of declared) {
      const op = doc.paths[route.path]?.[route.method as 'get'];
      expect(op).toBeDefined();
      if (!op || !route.access) throw new Error(`${route.method} ${route.path} undeclared`);
      if (route.access.public) {
        expect(op.security).toEqual([]);
        expect(op['x-public']).toBe(route.access.reason);
      } else {
        expect(op.security).toEqual([{ bearerJwt: [] }]);
        expect(op['x-roles']).toEqual(route.access.roles);
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
    expect(doc.components.securitySchemes).toHaveProperty('bearerJwt.scheme', 'bearer');
  });

  it('serves itself publicly at GET /api/openapi.json', () => {
    const self = declared.find((r) => r.path === '/api/openapi.json');
    expect(self?.access).toMatchObject({ public: true });
  });

  it('gives every error code a status', () => {
    expect(unmappedErrorCodes(GATEWAY_ROUTES, AUTH_STATUS)).toEqual([]);
  });
});
