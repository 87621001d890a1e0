import WebSocket from 'ws';

export interface LiveMessage {
  event: string;
  data: Record<string, unknown>;
}

/** A browser-like WebSocket client of the gateway's live push. */
export class LiveClient {
  readonly received: LiveMessage[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw: WebSocket.RawData) => {
      this.received.push(
        JSON.parse(
          Buffer.isBuffer(raw)
            ? raw.toString('utf8')
            : Buffer.concat(raw as Buffer[]).toString('utf8'),
        ) as LiveMessage,
      );
    });
  }

  static async connect(url: string): Promise<LiveClient> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new LiveClient(socket);
  }

  send(event: string, data: unknown): void {
    this.socket.send(JSON.stringify({ event, data }));
  }

  close(): void {
    this.socket.close();
  }
}
