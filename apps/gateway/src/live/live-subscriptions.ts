import { Injectable } from '@nestjs/common';
import type { WebSocket } from 'ws';

/** Which browser connections follow which facility. One facility's events go to its followers only. */
@Injectable()
export class LiveSubscriptions {
  private readonly byFacility = new Map<string, Set<WebSocket>>();
  private readonly bySocket = new Map<WebSocket, Set<string>>();

  subscribe(socket: WebSocket, facilityCode: string): void {
    let sockets = this.byFacility.get(facilityCode);
    if (!sockets) this.byFacility.set(facilityCode, (sockets = new Set()));
    sockets.add(socket);
    let facilities = this.bySocket.get(socket);
    if (!facilities) this.bySocket.set(socket, (facilities = new Set()));
    facilities.add(facilityCode);
  }

  unsubscribe(socket: WebSocket, facilityCode: string): void {
    this.byFacility.get(facilityCode)?.delete(socket);
    this.bySocket.get(socket)?.delete(facilityCode);
  }

  drop(socket: WebSocket): void {
    for (const facility of this.bySocket.get(socket) ?? [])
      this.byFacility.get(facility)?.delete(socket);
    this.bySocket.delete(socket);
  }

  /** Sends one serialized message to every open follower of a facility; returns how many got it. */
  publish(facilityCode: string, message: string): number {
    let sent = 0;
    for (const socket of this.byFacility.get(facilityCode) ?? []) {
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
