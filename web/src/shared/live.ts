/**
 * The gateway's live push (`/ws`) for a page: subscribes, re-subscribes after every reconnect
 * (with growing pauses, so a restarted gateway is not stormed), and tells the page its state so it
 * can say "reconnecting" instead of showing stale numbers silently.
 */
export type LiveState = 'connecting' | 'live' | 'reconnecting';

export interface LiveMessage {
  event: string;
  data: Record<string, unknown>;
}

export interface Subscription {
  event: 'subscribe' | 'subscribe-ticket' | 'subscribe-inbox' | 'subscribe-referrals';
  data: Record<string, string>;
}

export class LiveSocket {
  private socket?: WebSocket;
  private attempt = 0;
  private closed = false;

  constructor(
    private readonly subscriptions: Subscription[],
    private readonly onMessage: (message: LiveMessage) => void,
    private readonly onState: (state: LiveState) => void,
  ) {}

  open(): this {
    this.connect();
    return this;
  }

  close(): void {
    this.closed = true;
    this.socket?.close();
  }

  private connect(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}/ws`);
    this.socket = socket;
    socket.onopen = () => {
      for (const s of this.subscriptions) socket.send(JSON.stringify(s));
    };
    socket.onmessage = (e: MessageEvent<string>) => {
      const message = JSON.parse(e.data) as LiveMessage;
      if (message.event.startsWith('subscribed')) {
        this.attempt = 0;
        this.onState('live');
        // Whatever happened while we were away: the page re-reads its state once.
      }
      this.onMessage(message);
    };
    socket.onclose = () => {
      if (this.closed) return;
      this.onState('reconnecting');
      const delay = Math.min(10_000, 500 * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
      setTimeout(() => this.connect(), delay);
    };
  }
}
