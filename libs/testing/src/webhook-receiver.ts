import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  deliveryId: string;
  eventType: string;
  body: string;
  signature: string;
  receivedAt: Date;
}

/** Checks a signature header against the raw body; the service under test supplies its verifier. */
export type WebhookVerifier = (input: {
  secret: string;
  body: string;
  header: string | undefined;
}) => { ok: boolean };

/**
 * A hospital's webhook endpoint for tests: verifies each request's signature (refusing bad ones
 * with 401), acknowledges with 200, and keeps each delivery once by its Idempotency-Key, counting
 * repeats. `stop()` and `start()` again on the same port simulate the hospital being away.
 */
export class WebhookReceiver {
  /** Accepted deliveries, once each, in arrival order. */
  readonly deliveries: ReceivedWebhook[] = [];
  /** Requests per delivery id (a repeat after a lost acknowledgement shows as 2). */
  readonly attempts = new Map<string, number>();
  rejectedSignatures = 0;
  private server?: Server;
  private port = 0;

  constructor(
    private readonly secret: string,
    private readonly verify: WebhookVerifier,
    private readonly path = '/rujukan/webhook',
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}${this.path}`;
  }

  async start(): Promise<this> {
    const server = createServer((req, res) => {
      void this.handle(req).then(
        (status) => res.writeHead(status).end(),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Distinct deliveries of one event type. */
  ofType(type: string): ReceivedWebhook[] {
    return this.deliveries.filter((d) => d.eventType === type);
  }

  private async handle(req: IncomingMessage): Promise<number> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const signature = header(req, 'x-antrean-signature');
    if (!this.verify({ secret: this.secret, body, header: signature }).ok) {
      this.rejectedSignatures += 1;
      return 401;
    }
    const deliveryId = header(req, 'idempotency-key') ?? '';
    const seen = this.attempts.get(deliveryId) ?? 0;
    this.attempts.set(deliveryId, seen + 1);
    if (seen === 0) {
      this.deliveries.push({
        deliveryId,
        eventType: header(req, 'x-antrean-event-type') ?? '',
        body,
        signature: signature ?? '',
        receivedAt: new Date(),
      });
    }
    return 200;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
