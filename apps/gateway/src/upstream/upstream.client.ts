import { Inject, Injectable, Logger } from '@nestjs/common';
import { request, Agent } from 'undici';
import { CommonErrorCode, DomainError } from '@app/http';
import { CORRELATION_HEADER } from '@app/logging';
import { withClientSpan } from '@app/observability';
import { actorHeaders } from '../auth/actor-headers';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';

export interface UpstreamResponse {
  status: number;
  body: unknown;
  /** The upstream's Retry-After (a 503 from admission control, a 429), passed on to the client. */
  retryAfter?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * HTTP calls from the edge to an internal service, with keep-alive, a timeout, the correlation
 * id, the service token (every internal route requires it) and X-Caller / X-Actor from the
 * request's context (who the access guard admitted), so no route can forget to name them. An upstream that cannot be reached
 * becomes a 503 the caller can retry, never a 500.
 */
@Injectable()
export class UpstreamClient {
  private readonly logger = new Logger('UpstreamClient');
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, connections: 128 });
  private readonly serviceAuth: string;

  constructor(@Inject(GATEWAY_CONFIG) config: Pick<GatewayConfig, 'INTERNAL_API_TOKEN'>) {
    this.serviceAuth = `Bearer ${config.INTERNAL_API_TOKEN}`;
  }

  async call(
    method: 'GET' | 'POST',
    url: string,
    opts: { correlationId: string; body?: unknown; headers?: Record<string, string | undefined> },
  ): Promise<UpstreamResponse> {
    const headers: Record<string, string> = {
      [CORRELATION_HEADER]: opts.correlationId,
      accept: 'application/json',
    };
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (v !== undefined) headers[k] = v;
    // Set last: no caller-supplied header can replace the edge's own credential or name another
    // actor than the one the access guard admitted for this request.
    delete headers['x-actor'];
    Object.assign(headers, actorHeaders());
    headers.authorization = this.serviceAuth;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    try {
      return await withClientSpan(
        method,
        { 'http.request.method': method, 'url.full': url },
        async (trace, span): Promise<UpstreamResponse> => {
          const res = await request(url, {
            method,
            headers: { ...headers, ...trace },
            body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
            dispatcher: this.agent,
            headersTimeout: TIMEOUT_MS,
            bodyTimeout: TIMEOUT_MS,
          });
          span.setAttribute('http.response.status_code', res.statusCode);
          const text = await res.body.text();
          const retryAfter = res.headers['retry-after'];
          return {
            status: res.statusCode,
            body: text ? (JSON.parse(text) as unknown) : null,
            ...(typeof retryAfter === 'string' ? { retryAfter } : {}),
          };
        },
      );
    } catch (e) {
      this.logger.warn({ url, err: (e as Error).message }, 'upstream unreachable');
      throw new DomainError(
        CommonErrorCode.Unavailable,
        'Layanan sedang tidak tersedia. Coba lagi sebentar lagi.',
      );
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
