import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  path: string;
  headers: Record<string, string>;
  /** Parsed JSON when the body is JSON, else the raw text length. */
  body: unknown;
  idempotencyKey: string | null;
  at: number;
}

export interface HttpReceiverOptions {
  port?: number;
  /** Serve HTTPS with this key and certificate (web push services are HTTPS). */
  tls?: { key: string; cert: string };
}

/**
 * A local HTTP endpoint standing in for an SMS/WhatsApp gateway or a web push service. It records
 * every request, can be made to fail (`down(503)`) or slow, and dedups on `Idempotency-Key` the
 * way a real gateway would: `accepted()` is what a phone would actually receive.
 */
export class HttpReceiver {
  readonly requests: ReceivedRequest[] = [];
  private failStatus: number | null = null;
  private delayMs = 0;
  private constructor(
    private readonly server: Server,
    readonly protocol: 'http' | 'https',
  ) {}

  static async start(options: HttpReceiverOptions = {}): Promise<HttpReceiver> {
    const server = options.tls ? createHttpsServer(options.tls) : createHttpServer();
    const receiver = new HttpReceiver(server, options.tls ? 'https' : 'http');
    server.on(
      'request',
      (req: IncomingMessage, res: ServerResponse) => void receiver.handle(req, res),
    );
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path = '/'): string {
    const { port } = this.server.address() as AddressInfo;
    return `${this.protocol}://127.0.0.1:${port}${path}`;
  }

  /** Answer every request with this status (e.g. 503) until `up()`. Failed requests are recorded. */
  down(status = 503): void {
    this.failStatus = status;
  }

  up(): void {
    this.failStatus = null;
  }

  slow(ms: number): void {
    this.delayMs = ms;
  }

  /** Successfully accepted requests, one per idempotency key: what recipients really got. */
  accepted(): ReceivedRequest[] {
    const byKey = new Map<string, ReceivedRequest>();
    for (const r of this.requests.filter((x) => this.wasAccepted(x)))
      if (!byKey.has(r.idempotencyKey ?? `${r.at}`)) byKey.set(r.idempotencyKey ?? `${r.at}`, r);
    return [...byKey.values()];
  }

  /** Accepted requests including repeats of the same key (the provider-side at-least-once window). */
  acceptedRaw(): ReceivedRequest[] {
    return this.requests.filter((x) => this.wasAccepted(x));
  }

  failed(): ReceivedRequest[] {
    return this.requests.filter((x) => !this.wasAccepted(x));
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private readonly status = new WeakMap<ReceivedRequest, number>();
  private wasAccepted(r: ReceivedRequest): boolean {
    const s = this.status.get(r) ?? 0;
    return s >= 200 && s < 300;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown = text.length;
    if ((req.headers['content-type'] ?? '').includes('json')) body = JSON.parse(text) as unknown;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = String(v);
    const entry: ReceivedRequest = {
      path: req.url ?? '/',
      headers,
      body,
      idempotencyKey: headers['idempotency-key'] ?? null,
      at: Date.now(),
    };
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const status = this.failStatus ?? 201;
    this.status.set(entry, status);
    this.requests.push(entry);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(status < 300 ? { accepted: true } : { error: 'unavailable' }));
  }
}
