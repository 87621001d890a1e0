import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { QueueDb } from '../../database/queue-db';
import { PoliDirectory } from '../../facilities/poli-directory';
import { LiveState } from '../../live/live-state';
import type { PoliInfo } from '../../facilities/poli-directory';
import { ScheduleResolver, type ResolvedSession } from '../../schedules/schedule-resolver';
import { WsrsCodeMappings } from '../mappings/wsrs-mappings';
import { WsrsSessionQuota, type WsrsQuota } from '../session-quota';
import type { wsrsStatusAntrean } from '../wsrs.requests';

export interface StatusAntreanResponse extends WsrsQuota {
  namapoli: string;
  namadokter: string;
  totalantrean: number;
  sisaantrean: number;
  antreanpanggil: string;
  keterangan: string;
}

/** statusantrean: a doctor's session of a day — how many booked, still waiting, now called, quota. */
@Injectable()
export class StatusAntrean {
  constructor(
    private readonly db: QueueDb,
    private readonly mappings: WsrsCodeMappings,
    private readonly polis: PoliDirectory,
    private readonly schedules: ScheduleResolver,
    private readonly quota: WsrsSessionQuota,
    private readonly live: LiveState,
  ) {}

  async execute(
    facilityCode: string,
    r: z.infer<typeof wsrsStatusAntrean>,
  ): Promise<StatusAntreanResponse> {
    const poli = await this.polis.require(
      facilityCode,
      await this.mappings.toLocal(facilityCode, 'poli', r.kodepoli),
    );
    const doctorCode = await this.mappings.toLocal(facilityCode, 'dokter', r.kodedokter);
    const [session] = await this.schedules.resolve(
      facilityCode,
      poli.code,
      r.tanggalperiksa,
      doctorCode,
      r.jampraktek,
    );
    return this.summary(facilityCode, poli, session, r.tanggalperiksa);
  }

  /** The numbers of one session (also each line of WS FKTP's antrean/status). */
  async summary(
    facilityCode: string,
    poli: PoliInfo,
    session: ResolvedSession,
    date: string,
  ): Promise<StatusAntreanResponse> {
    const where = {
      facilityCode,
      poliCode: poli.code,
      serviceDate: new Date(`${date}T00:00:00Z`),
      doctorCode: session.doctorCode,
      practiceHours: session.practiceHours,
    };
    const [totalantrean, sisaantrean, called] = await Promise.all([
      this.db.ticket.count({ where: { ...where, status: { notIn: ['cancelled'] } } }),
      this.db.ticket.count({ where: { ...where, status: { in: ['booked', 'waiting'] } } }),
      this.live.nowCalled(facilityCode, date),
    ]);
    const now = called.filter((c) => c.station === 'poli' && c.poliCode === poli.code).at(-1);
    return {
      namapoli: poli.name,
      namadokter: session.doctorName,
      totalantrean,
      sisaantrean,
      antreanpanggil: now?.displayNumber ?? '-',
      ...(await this.quota.quota(facilityCode, date, session)),
      keterangan: '',
    };
  }
}
