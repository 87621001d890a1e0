import { Injectable } from '@nestjs/common';
import type { WebSocket } from 'ws';

/**
 * Which browser connections follow which channel: `facility:<code>` (displays, desks),
 * `ticket:<booking code>` (a patient's ticket page), `inbox:<recipient>` (in-app notifications),
 * `referrals:<facility code>` (an FKTP's sent referrals, a hospital's inbox).
 */
@Injectable()
export class LiveSubscriptions {
  private readonly byChannel = new Map<string, Set<WebSocket>>();
  private readonly bySocket = new Map<WebSocket, Set<string>>();

  subscribe(socket: WebSocket, channel: string): void {
    let sockets = this.byChannel.get(channel);
    if (!sockets) this.byChannel.set(channel, (sockets = new Set()));
    sockets.add(socket);
    let channels = this.bySocket.get(socket);
    if (!channels) this.bySocket.set(socket, (channels = new Set()));
    channels.add(channel);
  }

  unsubscribe(socket: WebSocket, channel: string): void {
    this.byChannel.get(channel)?.delete(socket);
    this.bySocket.get(socket)?.delete(channel);
  }

  drop(socket: WebSocket): void {
    for (const channel of this.bySocket.get(socket) ?? []) {
      const sockets = this.byChannel.get(channel);
      sockets?.delete(socket);
      if (sockets?.size === 0) this.byChannel.delete(channel);
    }
    this.bySocket.delete(socket);
  }

  /** Sends one serialized message to every open follower of a channel; returns how many got it. */
  publish(channel: string, message: string): number {
    let sent = 0;
    for (const socket of this.byChannel.get(channel) ?? []) {
      if (socket.readyState === socket.OPEN) {
        socket.send(message);
        sent += 1;
      }
    }
    return sent;
  }

  count(): number {
    return this.bySocket.size;
  }
}

export const facilityChannel = (code: string) => `facility:${code}`;
export const ticketChannel = (bookingCode: string) => `ticket:${bookingCode}`;
export const inboxChannel = (recipient: string) => `inbox:${recipient}`;
export const referralsChannel = (facilityCode: string) => `referrals:${facilityCode}`;
