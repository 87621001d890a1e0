import type { FastifyReply } from 'fastify';
import type { UpstreamClient } from './upstream.client';

/** Sends an internal service's answer on as the edge's answer: same status, same body, same Retry-After. */
export async function forward(
  upstream: UpstreamClient,
  reply: FastifyReply,
  method: 'GET' | 'POST',
  url: string,
  opts: { correlationId: string; body?: unknown; headers?: Record<string, string | undefined> },
  shape: (body: unknown) => unknown = (b) => b,
): Promise<void> {
  const res = await upstream.call(method, url, opts);
  if (res.retryAfter !== undefined) void reply.header('retry-after', res.retryAfter);
  void reply.status(res.status).send(res.status < 300 ? shape(res.body) : res.body);
}

/** Only the named query parameters travel upstream, URL-encoded. */
export function queryOf(query: Record<string, unknown>, names: readonly string[]): string {
  const params = new URLSearchParams();
  for (const name of names) {
    const value = query[name];
    if (typeof value === 'string') params.set(name, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
