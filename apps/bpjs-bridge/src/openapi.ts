import {
  buildOpenApiDocument as build,
  CommonErrorCode,
  OBSERVABILITY_ROUTES,
  OPENAPI_DOCUMENT_ROUTE,
  openApiController,
  type OpenApiDocument,
  type Route,
} from '@app/http';
import { antrolListView, antrolQuery } from './antrol/antrol-view.controller';
import {
  credentialsView,
  facilityParams,
  putCredentialsRequest,
} from './credentials/credentials.controller';
import { BRIDGE_STATUS_TABLE, BridgeErrorCode } from './errors';

const V = CommonErrorCode.ValidationFailed;

/** Every HTTP route of bpjs-bridge (a unit test checks none is missing). */
export const ROUTES: readonly Route[] = [
  {
    method: 'put',
    path: '/v1/facilities/{code}/bpjs-credentials',
    summary: 'Atur kredensial Antrol BPJS fasilitas (cons-id, secret, user_key, base URL)',
    params: facilityParams,
    body: putCredentialsRequest,
    response: credentialsView,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/facilities/{code}/bpjs-credentials',
    summary: 'Kredensial Antrol fasilitas, tanpa secret dan user_key',
    params: facilityParams,
    response: credentialsView,
    errors: [V, BridgeErrorCode.CredentialsNotFound],
  },
  {
    method: 'get',
    path: '/v1/facilities/{code}/antrol',
    summary: 'Panggilan Antrol fasilitas: tertunda, gagal, terkirim',
    params: facilityParams,
    query: antrolQuery,
    response: antrolListView,
    errors: [V],
  },
  OPENAPI_DOCUMENT_ROUTE,
  ...OBSERVABILITY_ROUTES,
];

export function buildOpenApiDocument(): OpenApiDocument {
  return build({
    title: 'bpjs-bridge (Antrol)',
    version: '1.0.0',
    description:
      'Melaporkan setiap booking dan task id ke Antrol BPJS, berurutan per booking, dengan retry. Galat selalu {error:{code,message}}.',
    routes: ROUTES,
    errorStatus: BRIDGE_STATUS_TABLE,
    serviceAuth: true,
  });
}

/** GET /openapi.json */
export const OpenApiController = openApiController(buildOpenApiDocument);
