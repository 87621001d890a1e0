/**
 * The gateway's live push (`/ws`) for a page: subscribes, re-subscribes after every reconnect
 * (with growing pauses, so a restarted gateway is not stormed), and tells the page its state so it
 * can say "reconnecting" instead of showing stale numbers silently.
 */
import type { LiveAuth } from './auth-client';

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
  /** A refused token is refreshed and the subscriptions sent again once per connection. */
  private retriedToken = false;

  constructor(
    private readonly subscriptions: Subscription[],
    private readonly onMessage: (message: LiveMessage) => void,
    private readonly onState: (state: LiveState) => void,
    private readonly auth: LiveAuth | null = null,
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
      this.retriedToken = false;
      void this.subscribe(socket);
    };
    socket.onmessage = (e: MessageEvent<string>) => {
      const message = JSON.parse(e.data) as LiveMessage;
      if (message.event === 'error' && this.auth && isAuthError(message)) {
        void this.onAuthError(socket, String(message.data.code));
      }
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

  /** Subscribes with the current access token on every subscription that needs one. */
  private async subscribe(socket: WebSocket): Promise<void> {
    const token = this.auth ? await this.auth.token() : null;
    if (socket.readyState !== WebSocket.OPEN) return;
    for (const s of this.subscriptions) {
      socket.send(JSON.stringify(withToken(s, token)));
    }
  }

  private async onAuthError(socket: WebSocket, code: string): Promise<void> {
    if (code === 'AUTH.TOKEN_INVALID' && !this.retriedToken && this.auth) {
      this.retriedToken = true;
      if (await this.auth.refresh()) return this.subscribe(socket);
    }
    this.auth?.denied(code);
  }
}

function isAuthError(message: LiveMessage): boolean {
  return typeof message.data.code === 'string' && message.data.code.startsWith('AUTH.');
}

/** The contract: every subscription but the public `subscribe` carries `accessToken`. */
export function withToken(s: Subscription, token: string | null): Subscription {
  if (s.event === 'subscribe' || !token) return s;
  return { event: s.event, data: { ...s.data, accessToken: token } };
}
