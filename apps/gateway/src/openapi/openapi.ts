import type { Type } from '@nestjs/common';
import { z } from 'zod';
import { FACILITY_CODE } from '@app/contracts';
import {
  buildOpenApiDocument as build,
  CommonErrorCode,
  OBSERVABILITY_ROUTES,
  openApiController,
  toOpenApiPath,
  type HttpMethod,
  type OpenApiDocument,
  type Route,
} from '@app/http';
import { declareAccess, type AccessSpec } from '../auth/access';
import {
  createAccountRequest,
  loginRequest,
  logoutRequest,
  refreshRequest,
} from '../auth/account-requests';
import { AUTH_STATUS, AuthErrorCode as A } from '../auth/auth-errors';
import { patientOtpRequest, patientOtpVerifyRequest } from '../auth/patient-access.controller';
import { patientReferralParams } from '../referrals/patient-referrals.controller';
import { declaredRoutes, describeAccess, type DeclaredRoute } from '../auth/route-table';
import { DASHBOARD_QUERY } from '../dashboard/dashboard.controller';
import { COUNTER_ACTIONS } from '../desk/desk.controller';
import {
  DESTINATIONS_QUERY,
  REFERRAL_ACTIONS,
  REFERRAL_LIST_QUERY,
} from '../referrals/referrals.controller';
import { SESSIONS_QUERY } from '../tickets/tickets.controller';

/** The backend operation a gateway route forwards to: its document holds the body and query. */
export interface Upstream {
  service: 'queue-service' | 'referral-service';
  method: HttpMethod;
  /** OpenAPI path in that service's document; `{action}` stands for the gateway's own parameter. */
  path: string;
  /** The query parameters the edge passes on (others are dropped). */
  query?: readonly string[];
}

/** A gateway route as documented here; its security comes from its @Access/@Public metadata. */
export type GatewayRoute = Omit<Route, 'security' | 'extensions'> & { upstream?: Upstream };

const queue = (method: HttpMethod, path: string, query?: readonly string[]): Upstream => ({
  service: 'queue-service',
  method,
  path,
  ...(query && { query }),
});
const referral = (method: HttpMethod, path: string, query?: readonly string[]): Upstream => ({
  service: 'referral-service',
  method,
  path,
  ...(query && { query }),
});

const V = CommonErrorCode.ValidationFailed;
const RATE = CommonErrorCode.RateLimited;
const NOT_FOUND = CommonErrorCode.NotFound;
const facilityParams = z.object({ facilityCode: FACILITY_CODE });
const bookingCode = z.string().regex(/^[0-9A-Z]{6,16}$/, 'kode booking tidak valid');
const ticketParams = z.object({ bookingCode });
const idempotencyKey = z.object({
  'Idempotency-Key': z.string().optional().describe('permintaan ulang menjawab hasil yang sama'),
});
const counterActionParams = facilityParams.extend({ action: z.enum(COUNTER_ACTIONS) });
const referralActionParams = z.object({ action: z.enum(REFERRAL_ACTIONS) });

/**
 * Every HTTP route of the gateway (the spec holds this list against the routes Nest mounts).
 * Adding a route: one entry here. Who may call it is read from the route's own @Access/@Public;
 * what a forwarded route validates is in the backend document `upstream` names.
 */
export const GATEWAY_ROUTES: readonly GatewayRoute[] = [
  {
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Masuk: token akses dan token penyegar',
    body: loginRequest,
    errors: [V, A.InvalidCredentials, RATE],
  },
  {
    method: 'post',
    path: '/api/v1/auth/refresh',
    summary: 'Token akses baru dengan token penyegar (sekali pakai)',
    body: refreshRequest,
    errors: [V, A.RefreshInvalid, A.RefreshReused, RATE],
  },
  {
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'Keluar: token akses (dan token penyegar) tidak berlaku lagi',
    body: logoutRequest,
    status: 204,
    errors: [V],
  },
  { method: 'get', path: '/api/v1/auth/me', summary: 'Akun yang sedang masuk', errors: [] },
  {
    method: 'post',
    path: '/api/v1/auth/patient/otp',
    summary: 'Kirim kode sekali pakai ke telepon pasien pemilik booking atau rujukan',
    body: patientOtpRequest,
    status: 202,
    errors: [V, RATE],
  },
  {
    method: 'post',
    path: '/api/v1/auth/patient/verify',
    summary: 'Tukar kode sekali pakai dengan token pasien untuk booking atau rujukan itu',
    body: patientOtpVerifyRequest,
    errors: [V, A.OtpInvalid, RATE],
  },
  {
    method: 'get',
    path: '/api/v1/patient/referrals',
    summary: 'Semua rujukan pasien pemilik token (tanpa NIK, nomor kartu, telepon, nama)',
    errors: [],
  },
  {
    method: 'get',
    path: '/api/v1/patient/referrals/{referralNumber}',
    summary: 'Satu rujukan milik pasien pemilik token',
    params: patientReferralParams,
    errors: [NOT_FOUND],
  },
  {
    method: 'post',
    path: '/api/v1/accounts',
    summary: 'Buat akun petugas',
    body: createAccountRequest,
    status: 201,
    errors: [V, A.UsernameTaken],
  },
  { method: 'get', path: '/api/v1/accounts', summary: 'Akun petugas', errors: [] },
  {
    method: 'get',
    path: '/api/v1/facilities',
    summary: 'Daftar faskes untuk halaman booking',
    errors: [],
    upstream: queue('get', '/v1/facilities'),
  },
  {
    method: 'post',
    path: '/api/v1/facilities/{facilityCode}/tickets',
    summary: 'Ambil antrean; jawabannya membawa token pasien untuk booking itu',
    params: facilityParams,
    headers: idempotencyKey,
    status: 201,
    errors: [RATE],
    upstream: queue('post', '/v1/facilities/{facilityCode}/tickets'),
  },
  {
    method: 'get',
    path: '/api/v1/facilities/{facilityCode}/sessions',
    summary: 'Sesi praktik poli pada suatu hari, dengan sisa kuota',
    params: facilityParams,
    errors: [],
    upstream: queue('get', '/v1/facilities/{facilityCode}/sessions', SESSIONS_QUERY),
  },
  {
    method: 'get',
    path: '/api/v1/facilities/{facilityCode}/board',
    summary: 'Papan ruang tunggu (tanpa id tiket)',
    params: facilityParams,
    errors: [],
    upstream: queue('get', '/v1/facilities/{facilityCode}/board'),
  },
  {
    method: 'get',
    path: '/api/v1/tickets/{bookingCode}',
    summary: 'Tiket',
    params: ticketParams,
    errors: [],
    upstream: queue('get', '/v1/tickets/{bookingCode}'),
  },
  {
    method: 'get',
    path: '/api/v1/tickets/{bookingCode}/status',
    summary: 'Posisi antrean, yang sedang dipanggil, perkiraan waktu',
    params: ticketParams,
    errors: [],
    upstream: queue('get', '/v1/tickets/{bookingCode}/status'),
  },
  {
    method: 'post',
    path: '/api/v1/tickets/{bookingCode}/check-in',
    summary: 'Check-in di faskes (memindai kode QR faskes)',
    params: ticketParams,
    errors: [],
    upstream: queue('post', '/v1/tickets/{bookingCode}/check-in'),
  },
  {
    method: 'post',
    path: '/api/v1/tickets/{bookingCode}/cancel',
    summary: 'Batalkan sebelum check-in',
    params: ticketParams,
    errors: [],
    upstream: queue('post', '/v1/tickets/{bookingCode}/cancel'),
  },
  {
    method: 'get',
    path: '/api/v1/facilities/{facilityCode}/counters',
    summary: 'Loket faskes',
    params: facilityParams,
    errors: [],
    upstream: queue('get', '/v1/facilities/{facilityCode}/counters'),
  },
  {
    method: 'get',
    path: '/api/v1/facilities/{facilityCode}/counters/{counterCode}/queue',
    summary: 'Daftar tunggu satu loket',
    params: facilityParams,
    errors: [],
    upstream: queue('get', '/v1/facilities/{facilityCode}/counters/{counterCode}/queue'),
  },
  {
    method: 'post',
    path: '/api/v1/facilities/{facilityCode}/counters/{counterCode}/{action}',
    summary: 'Tindakan loket: panggil berikutnya, panggil ulang, tidak hadir, mulai, selesai, alih',
    params: counterActionParams,
    errors: [NOT_FOUND],
    upstream: queue('post', '/v1/facilities/{facilityCode}/counters/{counterCode}/{action}'),
  },
  {
    method: 'post',
    path: '/api/v1/referrals',
    summary: 'Buat rujukan',
    headers: idempotencyKey,
    status: 201,
    errors: [],
    upstream: referral('post', '/v1/referrals'),
  },
  {
    method: 'get',
    path: '/api/v1/referrals/{id}',
    summary: 'Rujukan',
    errors: [],
    upstream: referral('get', '/v1/referrals/{id}'),
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/cancel',
    summary: 'FKTP pengirim menarik rujukannya',
    errors: [],
    upstream: referral('post', '/v1/referrals/{id}/cancel'),
  },
  {
    method: 'post',
    path: '/api/v1/referrals/{id}/{action}',
    summary: 'Tindakan rumah sakit tujuan atas rujukan',
    params: referralActionParams,
    errors: [NOT_FOUND],
    upstream: referral('post', '/v1/referrals/{id}/{action}'),
  },
  {
    method: 'get',
    path: '/api/v1/facilities/{facilityCode}/referrals',
    summary: 'Rujukan yang dikirim FKTP (identitas disamarkan)',
    params: facilityParams,
    errors: [],
    upstream: referral('get', '/v1/facilities/{facilityCode}/referrals', REFERRAL_LIST_QUERY),
  },
  {
    method: 'get',
    path: '/api/v1/hospitals/{facilityCode}/referrals',
    summary: 'Kotak masuk rujukan rumah sakit (identitas disamarkan)',
    params: facilityParams,
    errors: [],
    upstream: referral('get', '/v1/hospitals/{facilityCode}/referrals', REFERRAL_LIST_QUERY),
  },
  {
    method: 'get',
    path: '/api/v1/referral-destinations',
    summary: 'Rumah sakit tujuan, diurutkan menurut kompetensi, jarak dan beban',
    errors: [],
    upstream: referral('get', '/v1/referral-destinations', DESTINATIONS_QUERY),
  },
  {
    method: 'get',
    path: '/api/v1/diagnoses/{code}',
    summary: 'Nama diagnosis ICD-10 dan apakah cukup ditangani FKTP',
    errors: [],
    upstream: referral('get', '/v1/diagnoses/{code}'),
  },
  {
    method: 'get',
    path: '/api/v1/districts',
    summary: 'Kabupaten/kota dengan jumlah faskesnya',
    errors: [],
    upstream: queue('get', '/v1/districts'),
  },
  {
    method: 'get',
    path: '/api/v1/districts/{district}/dashboard',
    summary: 'Dasbor dinas kesehatan: indikator antrean per faskes dan RRNS per FKTP',
    errors: [],
    upstream: queue('get', '/v1/districts/{district}/kpis', DASHBOARD_QUERY),
  },
  { method: 'get', path: '/api/openapi.json', summary: 'Dokumen ini', errors: [] },
  ...OBSERVABILITY_ROUTES,
];

const BEARER = 'bearerJwt';

/** Security requirement, roles and the auth codes a route answers with, from its declaration. */
function accessParts(access: AccessSpec | undefined): Pick<Route, 'security' | 'errors'> & {
  extensions: Record<`x-${string}`, unknown>;
} {
  const denied = { security: [{ [BEARER]: [] }], errors: [A.Required, A.TokenInvalid] };
  if (!access) return { ...denied, extensions: { 'x-access': describeAccess(access) } };
  if (access.public) return { security: [], errors: [], extensions: { 'x-public': access.reason } };
  const scopes = Object.fromEntries(
    (['facility', 'district', 'booking', 'referral'] as const)
      .filter((k) => access[k])
      .map((k) => [k, access[k]]),
  );
  return {
    security: denied.security,
    errors: [
      ...denied.errors,
      A.Forbidden,
      ...(Object.keys(scopes).length ? [A.FacilityForbidden] : []),
    ],
    extensions: {
      'x-roles': access.roles,
      ...(Object.keys(scopes).length ? { 'x-scopes': scopes } : {}),
      'x-access': describeAccess(access),
    },
  };
}

function withAccess(r: GatewayRoute, access: AccessSpec | undefined): Route {
  const { upstream, ...route } = r;
  const parts = accessParts(access);
  const forwarded = upstream
    ? `Diteruskan ke ${upstream.service} (${upstream.method.toUpperCase()} ${upstream.path}): badan, query${upstream.query ? ` (${upstream.query.join(', ')})` : ' (tidak ada)'} dan galatnya ada di dokumen layanan itu.`
    : undefined;
  const who = access?.public ? `Publik: ${access.reason}.` : `Akses: ${describeAccess(access)}.`;
  return {
    ...route,
    description: forwarded ? `${who} ${forwarded}` : who,
    errors: [...new Set([...parts.errors, ...route.errors])],
    security: parts.security,
    extensions: { ...parts.extensions, ...(upstream ? { 'x-upstream': upstream } : {}) },
  };
}

/** The gateway's OpenAPI document; `declared` are the mounted routes with their access metadata. */
export function buildGatewayOpenApiDocument(declared: readonly DeclaredRoute[]): OpenApiDocument {
  const access = new Map(declared.map((r) => [`${r.method} ${r.path}`, r.access]));
  return build({
    title: 'gateway (API publik antrean-rujukan)',
    version: '1.0.0',
    description:
      'Pintu masuk HTTP: akun dan token, booking, loket, rujukan, dasbor. Rute berpengaman memakai ' +
      'Authorization: Bearer <token akses>; peran yang diizinkan ada di x-roles. Rute yang ' +
      'diteruskan ke layanan lain menyebut operasinya di x-upstream. Galat selalu {error:{code,message}}.',
    routes: GATEWAY_ROUTES.map((r) =>
      withAccess(r, access.get(`${r.method} ${toOpenApiPath(r.path)}`)),
    ),
    errorStatus: AUTH_STATUS,
    securitySchemes: {
      [BEARER]: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description:
          'Token akses dari POST /api/v1/auth/login (petugas) atau dari booking / kode sekali pakai (pasien)',
      },
    },
  });
}

/**
 * `GET /api/openapi.json`, public. `controllers` are read when the document is first built, so
 * the module may list this controller among them.
 */
export function gatewayOpenApiController(
  controllers: () => ReadonlyArray<Type<unknown>>,
): Type<unknown> {
  const controller = openApiController(
    () => buildGatewayOpenApiDocument(declaredRoutes(controllers())),
    'api/openapi.json',
  );
  declareAccess(controller, {
    public: true,
    reason: 'the API description: routes, schemas and roles, no data',
  });
  return controller;
}
