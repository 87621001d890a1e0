export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

/**
 * Service tokens of the internal services started in this process (ServiceProcess registers each
 * backend's origin with its INTERNAL_API_TOKEN): the helpers below send it to those origins by
 * default, as the real callers do, so tests reach validation and the domain. The gateway is not
 * registered (its callers are people, with their own tokens).
 */
const serviceTokens = new Map<string, string>();

export function registerServiceToken(baseUrl: string, token: string): void {
  serviceTokens.set(new URL(baseUrl).origin, token);
}

/**
 * The headers with `Authorization: Bearer <service token>` added when `url` is a registered
 * internal service and the caller set no authorization of its own. A test that must go without
 * any says so explicitly: `{ authorization: '' }` (the header is then left out altogether).
 */
export function withServiceToken(
  url: string,
  headers: Record<string, string> = {},
): Record<string, string> {
  const out: Record<string, string> = {};
  let own: string | undefined;
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === 'authorization') own = v;
    else out[k] = v;
  }
  const token = serviceTokens.get(new URL(url).origin);
  if (own !== undefined) {
    if (own !== '') out.authorization = own;
  } else if (token) out.authorization = `Bearer ${token}`;
  return out;
}

/** `fetch` with the service token added as withServiceToken does (plain-object headers only). */
export function serviceFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = (init.headers ?? {}) as Record<string, string>;
  return fetch(url, { ...init, headers: withServiceToken(url, headers) });
}

/** A small JSON-over-HTTP helper for tests and benchmarks (Node's fetch, no retries). */
export async function postJson<T = unknown>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const res = await serviceFetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

export async function getJson<T = unknown>(
  url: string,
  headers: Record<string, string> = {},
): Promise<JsonResponse<T>> {
  const res = await serviceFetch(url, { headers });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}
