import { Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { QueueDb } from '../../database/queue-db';
import { PoliDirectory } from '../../facilities/poli-directory';
import type { Ticket } from '../../generated/prisma/client';
import { ScheduleResolver } from '../../schedules/schedule-resolver';
import { CancelTicket } from '../../tickets/cancel-ticket/cancel-ticket.usecase';
import { TicketStatusQuery } from '../../tickets/ticket-status/ticket-status.usecase';
import { ACTIVE_STATUSES } from '../../tickets/ticket.repository';
import { AmbilAntrean } from '../ambil-antrean/ambil-antrean.usecase';
import { WsrsCodeMappings } from '../mappings/wsrs-mappings';
import { WsrsPatients } from '../pasien-baru/wsrs-patients';
import { StatusAntrean } from '../status-antrean/status-antrean.usecase';
import { WsrsRefusal } from '../wsrs-response';
import type {
  fktpAmbilAntrean,
  fktpBatal,
  fktpSisaParams,
  fktpStatusParams,
} from './fktp.requests';

export interface FktpStatusLine {
  namapoli: string;
  totalantrean: number;
  sisaantrean: number;
  antreanpanggil: string;
  keterangan: string;
  kodedokter: number;
  namadokter: string;
  jampraktek: string;
}
export interface FktpSisa {
  nomorantrean: string;
  namapoli: string;
  sisaantrean: number;
  antreanpanggil: string;
  keterangan: string;
}
export interface FktpAmbil extends FktpSisa {
  angkaantrean: number;
}

/**
 * WS FKTP: the same calls for a puskesmas or clinic (BPJS's Antrean FKTP catalogue): status of a
 * poli's sessions, ambil antrean, sisa peserta, batal (by card, poli and date) and peserta baru.
 * Bookings go through the same AmbilAntrean → BookTicket path as WS RS.
 */
@Injectable()
export class FktpAntrean {
  constructor(
    private readonly db: QueueDb,
    private readonly mappings: WsrsCodeMappings,
    private readonly polis: PoliDirectory,
    private readonly schedules: ScheduleResolver,
    private readonly statusAntrean: StatusAntrean,
    private readonly ambil: AmbilAntrean,
    private readonly statusQuery: TicketStatusQuery,
    private readonly cancelTicket: CancelTicket,
    private readonly patients: WsrsPatients,
  ) {}

  async status(
    facilityCode: string,
    p: z.infer<typeof fktpStatusParams>,
  ): Promise<FktpStatusLine[]> {
    const poli = await this.polis.require(
      facilityCode,
      await this.mappings.toLocal(facilityCode, 'poli', p.kodepoli),
    );
    const sessions = await this.schedules.resolve(facilityCode, poli.code, p.tanggalperiksa);
    return Promise.all(
      sessions.map(async (s) => {
        const sum = await this.statusAntrean.summary(facilityCode, poli, s, p.tanggalperiksa);
        return {
          namapoli: sum.namapoli,
          totalantrean: sum.totalantrean,
          sisaantrean: sum.sisaantrean,
          antreanpanggil: sum.antreanpanggil,
          keterangan: '',
          kodedokter: Number(await this.mappings.toBpjs(facilityCode, 'dokter', s.doctorCode)),
          namadokter: s.doctorName,
          jampraktek: s.practiceHours,
        };
      }),
    );
  }

  async take(
    facilityCode: string,
    r: z.infer<typeof fktpAmbilAntrean>,
    correlationId: string,
  ): Promise<FktpAmbil> {
    const booked = await this.ambil.execute(facilityCode, r, correlationId);
    const sisa = await this.sisaOf(
      await this.db.ticket.findUniqueOrThrow({ where: { bookingCode: booked.kodebooking } }),
    );
    return { ...sisa, angkaantrean: booked.angkaantrean, keterangan: booked.keterangan };
  }

  async sisa(facilityCode: string, p: z.infer<typeof fktpSisaParams>): Promise<FktpSisa> {
    return this.sisaOf(await this.ticketOf(facilityCode, p));
  }

  async batal(
    facilityCode: string,
    r: z.infer<typeof fktpBatal>,
    correlationId: string,
  ): Promise<void> {
    const t = await this.ticketOf(facilityCode, r);
    await this.cancelTicket.execute(t.bookingCode, r.alasan, 'patient', correlationId);
  }

  /** The patient's active ticket at this poli on that day, found by card number. */
  private async ticketOf(
    facilityCode: string,
    p: { nomorkartu: string; kodepoli: string; tanggalperiksa: string },
  ): Promise<Ticket> {
    const cardRef = this.patients.cardRef(p.nomorkartu);
    const registered = await this.db.wsrsPatient.findUnique({
      where: { facilityCode_cardRef: { facilityCode, cardRef } },
    });
    const poliCode = await this.mappings.toLocal(facilityCode, 'poli', p.kodepoli);
    const t = await this.db.ticket.findFirst({
      where: {
        facilityCode,
        poliCode,
        serviceDate: new Date(`${p.tanggalperiksa}T00:00:00Z`),
        patientRef: { in: [cardRef, ...(registered ? [registered.nikRef] : [])] },
        status: { in: [...ACTIVE_STATUSES] },
      },
      orderBy: { createdAt: 'desc' },
    });
    if (!t) throw new WsrsRefusal('Antrean Tidak Ditemukan');
    return t;
  }

  private async sisaOf(t: Ticket): Promise<FktpSisa> {
    const s = await this.statusQuery.execute(t.bookingCode);
    const poli = await this.polis.require(t.facilityCode, t.poliCode);
    return {
      nomorantrean: t.displayNumber,
      namapoli: poli.name,
      sisaantrean: s.ahead ?? 0,
      antreanpanggil: s.nowCalled ?? '-',
      keterangan: '',
    };
  }
}
