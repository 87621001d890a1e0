/** The gateway's HTTP API as pages see it: JSON in, JSON out, errors with a stable code. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  const body = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) {
    throw new ApiError(
      res.status,
      body.error?.code ?? 'COMMON.UNKNOWN',
      body.error?.message ?? res.statusText,
    );
  }
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
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const parsed = (await res.json().catch(() => ({}))) as T & ErrorBody;
  if (!res.ok) {
    throw new ApiError(
      res.status,
      parsed.error?.code ?? 'COMMON.UNKNOWN',
      parsed.error?.message ?? res.statusText,
    );
  }
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
