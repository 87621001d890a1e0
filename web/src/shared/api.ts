import { pageAuth } from './page-auth';

/** The gateway's HTTP API as pages see it: JSON in, JSON out, errors with a stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds to wait, from a 429's Retry-After. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
  }
}

function apiError(res: Response, body: ErrorBody): ApiError {
  const retryAfter = Number(res.headers.get('retry-after'));
  return new ApiError(
    res.status,
    body.error?.code ?? 'COMMON.UNKNOWN',
    body.error?.message ?? res.statusText,
    Number.isFinite(retryAfter) && retryAfter > 0 ? Math.ceil(retryAfter) : null,
  );
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

/** Through the page's identity (Bearer token) when it has one. */
function send(path: string, init: RequestInit): Promise<Response> {
  const auth = pageAuth();
  return auth ? auth.fetch(path, init) : fetch(path, init);
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await send(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) throw apiError(res, body);
  return body;
}

/**
 * POSTs JSON. A booking carries an Idempotency-Key made once per attempt by the caller, so a
 * retried tap after a lost answer returns the same ticket instead of a second one.
 */
export async function postJson<T>(
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await send(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const parsed = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) throw apiError(res, parsed);
  return parsed;
}

/** What the gateway answers for a ticket (queue-service's ticket view). */
export interface TicketView {
  bookingCode: string;
  facilityCode: string;
  poliCode: string;
  serviceDate: string;
  queueNumber: number;
  displayNumber: string;
  status: string;
  station: string | null;
  source: string;
  priority: boolean;
  counterCode: string | null;
}

export interface FacilitySummary {
  code: string;
  name: string;
  type: string;
  district: string;
  polis: Array<{ code: string; name: string; prefix: string }>;
}
