import WebSocket from 'ws';
import { nowMs } from './stats';

export interface LiveMessage {
  event: string;
  data: Record<string, unknown>;
}

/** A WebSocket client of the gateway's /ws, timestamping each message as it arrives. */
export async function liveClient(
  url: string,
  onMessage: (m: LiveMessage, at: number) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('message', (raw: WebSocket.RawData) => {
    const at = nowMs();
    const text = Array.isArray(raw)
      ? Buffer.concat(raw).toString('utf8')
      : Buffer.from(raw as Buffer).toString('utf8');
    onMessage(JSON.parse(text) as LiveMessage, at);
  });
  return socket;
}

/** Sends a subscription and waits for its acknowledgement. */
export function subscribe(
  socket: WebSocket,
  event: 'subscribe' | 'subscribe-ticket',
  data: Record<string, string>,
): Promise<void> {
  const ack = event === 'subscribe' ? 'subscribed' : 'subscribed-ticket';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${ack} within 10 s`)), 10_000);
    const onMessage = (raw: WebSocket.RawData): void => {
      const m = JSON.parse(Buffer.from(raw as Buffer).toString('utf8')) as LiveMessage;
      if (m.event === ack || m.event === 'error') {
        clearTimeout(timer);
        socket.off('message', onMessage);
        if (m.event === 'error') reject(new Error(JSON.stringify(m.data)));
        else resolve();
      }
    };
    socket.on('message', onMessage);
    socket.send(JSON.stringify({ event, data }));
  });
}
