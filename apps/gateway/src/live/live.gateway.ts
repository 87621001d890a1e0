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
import { DomainError } from '@app/http';
import { notYours, ownInbox, roleAllowed } from '../auth/access-policy';
import { AUTH_MESSAGES, AuthErrorCode } from '../auth/auth-errors';
import type { Principal, Role } from '../auth/roles';
import { ScopeLookup } from '../auth/scope-lookup';
import { AccessTokens } from '../auth/tokens';
import {
  facilityChannel,
  inboxChannel,
  LiveSubscriptions,
  referralsChannel,
  ticketChannel,
} from './live-subscriptions';

const accessToken = z.string().max(4096).optional();
const facilitySubscription = z.object({ facilityCode: FACILITY_CODE }).strict();
const referralsSubscription = z.object({ facilityCode: FACILITY_CODE, accessToken }).strict();
const ticketSubscription = z
  .object({ bookingCode: z.string().regex(/^[0-9A-Z]{6,16}$/), accessToken })
  .strict();
const inboxSubscription = z
  .object({
    recipient: z.string().regex(/^(p_[0-9A-Za-z_-]{8,64}|facility:[0-9A-Z]{8})$/),
    accessToken,
  })
  .strict();

type Reply = { event: string; data: unknown };
const denied = (e: unknown): Reply => {
  if (e instanceof DomainError)
    return { event: 'error', data: { code: e.code, message: e.message } };
  throw e;
};
const FACILITY_STAFF: readonly Role[] = ['desk', 'fktp_doctor', 'hospital_referral'];
const invalid = (message: string): Reply => ({
  event: 'error',
  data: { code: 'LIVE.INVALID_SUBSCRIPTION', message },
});

/**
 * Live push to browsers at `/ws`. Send `{"event":"subscribe","data":{"facilityCode":"3329R001"}}`
 * for a facility's queue (displays, desks), `subscribe-ticket` with a booking code for one ticket
 * (the patient's page), `subscribe-inbox` with a recipient for in-app notifications,
 * `subscribe-referrals` with a facility code for the referrals it sent or receives. Only the
 * facility channel is public (what the waiting-room display shows); the others need an
 * `accessToken` of the right role and facility (AUTH-CONTRACT), else an `error` event answers and
 * nothing is subscribed.
 */
@WebSocketGateway({ path: '/ws' })
export class LiveGateway implements OnGatewayDisconnect {
  constructor(
    private readonly subscriptions: LiveSubscriptions,
    private readonly tokens: AccessTokens,
    private readonly scopes: ScopeLookup,
  ) {}

  private async principal(token: string | undefined): Promise<Principal> {
    if (!token) throw new DomainError(AuthErrorCode.Required, AUTH_MESSAGES.required);
    return this.tokens.verify(token);
  }

  private staffOf(p: Principal, facilityCode: string, roles: readonly Role[]): void {
    if (!roleAllowed(p.role, roles) || p.role === 'patient')
      throw new DomainError(AuthErrorCode.Forbidden, AUTH_MESSAGES.forbidden);
    if (p.role !== 'system_admin' && p.facilityCode !== facilityCode)
      throw new DomainError(AuthErrorCode.FacilityForbidden, AUTH_MESSAGES.facilityForbidden);
  }

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

  /** A patient's own ticket (their token), or staff of the ticket's facility. */
  @SubscribeMessage('subscribe-ticket')
  async subscribeTicket(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() data: unknown,
  ): Promise<Reply> {
    const parsed = ticketSubscription.safeParse(data);
    if (!parsed.success) return invalid('Kode booking tidak valid.');
    const { bookingCode } = parsed.data;
    try {
      const p = await this.principal(parsed.data.accessToken);
      if (p.role === 'patient') {
        if (p.bookingCode !== bookingCode)
          throw new DomainError(AuthErrorCode.FacilityForbidden, AUTH_MESSAGES.facilityForbidden);
      } else if (p.role !== 'system_admin') {
        const facility = await this.scopes.ticketFacility(bookingCode, `ws-${bookingCode}`);
        this.staffOf(p, facility ?? '-', ['desk']);
      }
    } catch (e) {
      return denied(e);
    }
    this.subscriptions.subscribe(socket, ticketChannel(bookingCode));
    return { event: 'subscribed-ticket', data: { bookingCode } };
  }

  /** In-app notifications: a patient's own (their patientRef), or a facility's staff. */
  @SubscribeMessage('subscribe-inbox')
  async subscribeInbox(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() data: unknown,
  ): Promise<Reply> {
    const parsed = inboxSubscription.safeParse(data);
    if (!parsed.success) return invalid('Penerima tidak valid.');
    const { recipient } = parsed.data;
    try {
      const p = await this.principal(parsed.data.accessToken);
      if (recipient.startsWith('facility:')) {
        this.staffOf(p, recipient.slice('facility:'.length), FACILITY_STAFF);
      } else if (p.role !== 'system_admin') {
        if (p.role !== 'patient')
          throw new DomainError(AuthErrorCode.Forbidden, AUTH_MESSAGES.forbidden);
        // A patient's own patientRef only (a referral's token and a ticket's both carry it).
        if (!ownInbox(p, recipient)) throw notYours();
      }
    } catch (e) {
      return denied(e);
    }
    this.subscriptions.subscribe(socket, inboxChannel(recipient));
    return { event: 'subscribed-inbox', data: { recipient } };
  }

  /** An FKTP's sent referrals and a hospital's inbox, as a projection without the patient. */
  @SubscribeMessage('subscribe-referrals')
  async subscribeReferrals(
    @ConnectedSocket() socket: WebSocket,
    @MessageBody() data: unknown,
  ): Promise<Reply> {
    const parsed = referralsSubscription.safeParse(data);
    if (!parsed.success) return invalid('Kode faskes tidak valid.');
    const { facilityCode } = parsed.data;
    try {
      const p = await this.principal(parsed.data.accessToken);
      this.staffOf(p, facilityCode, ['fktp_doctor', 'hospital_referral']);
    } catch (e) {
      return denied(e);
    }
    this.subscriptions.subscribe(socket, referralsChannel(facilityCode));
    return { event: 'subscribed-referrals', data: { facilityCode } };
  }

  handleDisconnect(socket: WebSocket): void {
    this.subscriptions.drop(socket);
  }
}
