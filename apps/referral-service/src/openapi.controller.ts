import { openApiController } from '@app/http';
import { buildOpenApiDocument } from './openapi';

/** GET /openapi.json */
export const OpenApiController = openApiController(buildOpenApiDocument);
