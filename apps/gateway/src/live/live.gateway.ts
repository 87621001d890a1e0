import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayDisconnect,
} from '@nestjs/websockets';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { FACILITY_CODE } from '@app/contracts';
import { LiveSubscriptions } from './live-subscriptions';

const subscription = z.object({ facilityCode: FACILITY_CODE }).strict();

/**
 * Live push to browsers at `/ws`. A client sends
 * `{"event":"subscribe","data":{"facilityCode":"3329R001"}}` and then receives that facility's
 * queue events as `{"event":"queue.ticket.booked","data":{...}}`.
 */
@WebSocketGateway({ path: '/ws' })
export class LiveGateway implements OnGatewayDisconnect {
  constructor(private readonly subscriptions: LiveSubscriptions) {}

  @SubscribeMessage('subscribe')
  subscribe(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() data: unknown,
  ): { event: string; data: unknown } {
    const parsed = subscription.safeParse(data);
    if (!parsed.success) {
      return {
        event: 'error',
        data: { code: 'LIVE.INVALID_SUBSCRIPTION', message: 'Kode faskes tidak valid.' },
      };
    }
    this.subscriptions.subscribe(socket, parsed.data.facilityCode);
    return { event: 'subscribed', data: { facilityCode: parsed.data.facilityCode } };
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() data: unknown,
  ): { event: string; data: unknown } {
    const parsed = subscription.safeParse(data);
    if (parsed.success) this.subscriptions.unsubscribe(socket, parsed.data.facilityCode);
    return { event: 'unsubscribed', data: parsed.success ? parsed.data : null };
  }

  handleDisconnect(socket: WebSocket): void {
    this.subscriptions.drop(socket);
  }
}
