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
import {
  facilityChannel,
  inboxChannel,
  LiveSubscriptions,
  referralsChannel,
  ticketChannel,
} from './live-subscriptions';

const facilitySubscription = z.object({ facilityCode: FACILITY_CODE }).strict();
const ticketSubscription = z.object({ bookingCode: z.string().regex(/^[0-9A-Z]{6,16}$/) }).strict();
const inboxSubscription = z
  .object({ recipient: z.string().regex(/^(p_[0-9A-Za-z_-]{8,64}|facility:[0-9A-Z]{8})$/) })
  .strict();

type Reply = { event: string; data: unknown };
const invalid = (message: string): Reply => ({
  event: 'error',
  data: { code: 'LIVE.INVALID_SUBSCRIPTION', message },
});

/**
 * Live push to browsers at `/ws`. Send `{"event":"subscribe","data":{"facilityCode":"3329R001"}}`
 * for a facility's queue (displays, desks), `subscribe-ticket` with a booking code for one ticket
 * (the patient's page), `subscribe-inbox` with a recipient for in-app notifications,
 * `subscribe-referrals` with a facility code for the referrals it sent or receives. Who may follow
 * what is checked by the authentication work (issue 7); a booking code is already a secret.
 */
@WebSocketGateway({ path: '/ws' })
export class LiveGateway implements OnGatewayDisconnect {
  constructor(private readonly subscriptions: LiveSubscriptions) {}

  @SubscribeMessage('subscribe')
  subscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): Reply {
    const parsed = facilitySubscription.safeParse(data);
    if (!parsed.success) return invalid('Kode faskes tidak valid.');
    this.subscriptions.subscribe(socket, facilityChannel(parsed.data.facilityCode));
    return { event: 'subscribed', data: { facilityCode: parsed.data.facilityCode } };
  }

  @SubscribeMessage('unsubscribe')
  unsubscribe(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): Reply {
    const parsed = facilitySubscription.safeParse(data);
    if (parsed.success)
      this.subscriptions.unsubscribe(socket, facilityChannel(parsed.data.facilityCode));
    return { event: 'unsubscribed', data: parsed.success ? parsed.data : null };
  }

  @SubscribeMessage('subscribe-ticket')
  subscribeTicket(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): Reply {
    const parsed = ticketSubscription.safeParse(data);
    if (!parsed.success) return invalid('Kode booking tidak valid.');
    this.subscriptions.subscribe(socket, ticketChannel(parsed.data.bookingCode));
    return { event: 'subscribed-ticket', data: parsed.data };
  }

  @SubscribeMessage('subscribe-inbox')
  subscribeInbox(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): Reply {
    const parsed = inboxSubscription.safeParse(data);
    if (!parsed.success) return invalid('Penerima tidak valid.');
    this.subscriptions.subscribe(socket, inboxChannel(parsed.data.recipient));
    return { event: 'subscribed-inbox', data: parsed.data };
  }

  /** An FKTP's sent referrals and a hospital's inbox, as a projection without the patient. */
  @SubscribeMessage('subscribe-referrals')
  subscribeReferrals(@ConnectedSocket() socket: WebSocket, @MessageBody() data: unknown): Reply {
    const parsed = facilitySubscription.safeParse(data);
    if (!parsed.success) return invalid('Kode faskes tidak valid.');
    this.subscriptions.subscribe(socket, referralsChannel(parsed.data.facilityCode));
    return { event: 'subscribed-referrals', data: parsed.data };
  }

  handleDisconnect(socket: WebSocket): void {
    this.subscriptions.drop(socket);
  }
}
