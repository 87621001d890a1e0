import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { QueueDb } from '../../database/queue-db';
import { PoliDirectory } from '../../facilities/poli-directory';
import type { Ticket } from '../../generated/prisma/client';
import { CancelTicket } from '../../tickets/cancel-ticket/cancel-ticket.usecase';
import { CheckIn } from '../../tickets/check-in/check-in.usecase';
import { TicketStatusQuery } from '../../tickets/ticket-status/ticket-status.usecase';
import { WsrsSessionQuota } from '../session-quota';
import type { wsrsBatalAntrean, wsrsCheckinAntrean } from '../wsrs.requests';
import { WsrsRefusal } from '../wsrs-response';

export interface SisaAntreanResponse {
  nomorantrean: string;
  namapoli: string;
  namadokter: string;
  sisaantrean: number;
  antreanpanggil: string;
  /** seconds */
  waktutunggu: number;
  keterangan: string;
}

/** sisaantrean, batalantrean, checkinantrean: the ticket use cases every channel uses. */
@Injectable()
export class AntreanOps {
  constructor(
    private readonly db: QueueDb,
    private readonly statusQuery: TicketStatusQuery,
    private readonly cancelTicket: CancelTicket,
    private readonly checkIn: CheckIn,
    private readonly polis: PoliDirectory,
    private readonly quota: WsrsSessionQuota,
  ) {}

  /** The ticket, if it is this facility's; Mobile JKN never sees another facility's tickets. */
  async ticketOf(facilityCode: string, kodebooking: string): Promise<Ticket> {
    const t = await this.db.ticket.findUnique({ where: { bookingCode: kodebooking } });
    if (!t || t.facilityCode !== facilityCode) throw new WsrsRefusal('Antrean Tidak Ditemukan');
    return t;
  }

  async sisa(facilityCode: string, kodebooking: string): Promise<SisaAntreanResponse> {
    const t = await this.ticketOf(facilityCode, kodebooking);
    if (t.status === 'cancelled') throw new WsrsRefusal('Antrean Sudah Dibatalkan');
    const s = await this.statusQuery.execute(kodebooking);
    const date = t.serviceDate.toISOString().slice(0, 10);
    const poli = await this.polis.require(facilityCode, t.poliCode);
    const session = await this.quota.session(
      facilityCode,
      t.poliCode,
      date,
      t.doctorCode,
      t.practiceHours,
    );
    return {
      nomorantrean: t.displayNumber,
      namapoli: poli.name,
      namadokter: session?.doctorName ?? '',
      sisaantrean: s.ahead ?? 0,
      antreanpanggil: s.nowCalled ?? '-',
      waktutunggu: (s.estimatedWaitMinutes ?? 0) * 60,
      keterangan: '',
    };
  }

  async batal(
    facilityCode: string,
    r: z.infer<typeof wsrsBatalAntrean>,
    correlationId: string,
  ): Promise<void> {
    await this.ticketOf(facilityCode, r.kodebooking);
    await this.cancelTicket.execute(
      r.kodebooking,
      r.keterangan.trim() || 'Dibatalkan melalui Mobile JKN',
      'patient',
      correlationId,
    );
  }

  /** `waktu` (epoch ms) is Mobile JKN's clock; the check-in is recorded at the server's time. */
  async checkin(
    facilityCode: string,
    r: z.infer<typeof wsrsCheckinAntrean>,
    correlationId: string,
  ): Promise<void> {
    await this.ticketOf(facilityCode, r.kodebooking);
    await this.checkIn.execute(r.kodebooking, correlationId);
  }
}
