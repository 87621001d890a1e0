import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { QUEUE_CONFIG, type QueueConfig } from '../../config';
import { QueueDb } from '../../database/queue-db';
import { PoliDirectory } from '../../facilities/poli-directory';
import { Estimates } from '../../live/estimates';
import { localTimeToInstant } from '../../schedules/schedule-resolver';
import { bookTicketRequest } from '../../tickets/book-ticket/book-ticket.request';
import { BookTicket } from '../../tickets/book-ticket/book-ticket.usecase';
import { patientRefOf } from '../../tickets/patient-ref';
import { daysBetween, todayIn } from '../../tickets/service-date';
import { TicketStatusQuery } from '../../tickets/ticket-status/ticket-status.usecase';
import { WsrsCodeMappings } from '../mappings/wsrs-mappings';
import { WsrsPatients } from '../pasien-baru/wsrs-patients';
import { WsrsSessionQuota, type WsrsQuota } from '../session-quota';
import type { wsrsAmbilAntrean } from '../wsrs.requests';
import { NEW_PATIENT_MESSAGE, WsrsRefusal } from '../wsrs-response';

export type AmbilAntreanRequest = z.infer<typeof wsrsAmbilAntrean>;
/** What both WS RS and WS FKTP book with (FKTP visits have no jeniskunjungan / nomorreferensi). */
export type MobileJknBooking = Omit<
  AmbilAntreanRequest,
  'nohp' | 'jeniskunjungan' | 'nomorreferensi'
> & {
  nohp?: string;
  jeniskunjungan?: 1 | 2 | 3 | 4;
  nomorreferensi?: string;
};

export interface AmbilAntreanResponse extends WsrsQuota {
  nomorantrean: string;
  angkaantrean: number;
  kodebooking: string;
  norm: string;
  namapoli: string;
  namadokter: string;
  /** epoch ms */
  estimasidilayani: number;
  keterangan: string;
}

export const KETERANGAN_DATANG = 'Peserta harap 60 menit lebih awal guna pencatatan administrasi.';

/**
 * ambilantrean from Mobile JKN: the patient must be registered at the facility (else metadata 202,
 * Mobile JKN calls pasienbaru), codes are translated to the facility's own, then the SAME
 * BookTicket use case as every other channel books it (same quota, numbering and rules), with
 * source `mobile-jkn` and the JKN quota.
 */
@Injectable()
export class AmbilAntrean {
  constructor(
    private readonly book: BookTicket,
    private readonly patients: WsrsPatients,
    private readonly mappings: WsrsCodeMappings,
    private readonly polis: PoliDirectory,
    private readonly quota: WsrsSessionQuota,
    private readonly status: TicketStatusQuery,
    private readonly db: QueueDb,
    private readonly estimates: Estimates,
    @Inject(QUEUE_CONFIG) private readonly config: QueueConfig,
  ) {}

  async execute(
    facilityCode: string,
    r: MobileJknBooking,
    correlationId: string,
  ): Promise<AmbilAntreanResponse> {
    if (daysBetween(todayIn(this.config.TIMEZONE), r.tanggalperiksa) < 0) {
      throw new WsrsRefusal(`Tanggal periksa ${r.tanggalperiksa} sudah lewat.`);
    }
    const patient = await this.patients.find(facilityCode, r.nik, r.nomorkartu);
    if (!patient) throw new WsrsRefusal(NEW_PATIENT_MESSAGE, 202);
    if (r.norm && r.norm !== patient.norm) {
      throw new WsrsRefusal(`Nomor rekam medis ${r.norm} tidak sesuai dengan data pasien.`);
    }
    const poliCode = await this.mappings.toLocal(facilityCode, 'poli', r.kodepoli);
    const doctorCode = await this.mappings.toLocal(facilityCode, 'dokter', r.kodedokter);
    const patientRef = patientRefOf({ kind: 'nik', value: r.nik }, this.config.PATIENT_REF_SECRET);
    const visited = await this.db.ticket.count({ where: { facilityCode, patientRef }, take: 1 });
    const request = bookTicketRequest.safeParse({
      poliCode,
      doctorCode,
      practiceHours: r.jampraktek,
      serviceDate: r.tanggalperiksa,
      patient: {
        nik: r.nik,
        cardNumber: r.nomorkartu,
        ...(r.nohp ? { phone: r.nohp } : {}),
        // Stored encrypted with the ticket (patient_identity), for antrean/add to BPJS.
        norm: patient.norm,
        isNew: visited === 0,
      },
      patientType: 'JKN',
      ...(r.jeniskunjungan ? { visitType: r.jeniskunjungan } : {}),
      ...(r.nomorreferensi ? { referenceNumber: r.nomorreferensi } : {}),
      source: 'mobile-jkn',
    });
    if (!request.success) {
      throw new WsrsRefusal(request.error.issues[0]?.message ?? 'Data Tidak Sesuai');
    }
    const { ticket } = await this.book.execute(facilityCode, request.data, { correlationId });
    const poli = await this.polis.require(facilityCode, ticket.poliCode);
    const session = await this.quota.session(
      facilityCode,
      ticket.poliCode,
      ticket.serviceDate,
      ticket.doctorCode,
      ticket.practiceHours,
    );
    const live = await this.status.execute(ticket.bookingCode);
    const perPatient = await this.estimates.serviceMinutes(
      facilityCode,
      ticket.serviceDate,
      'poli',
      ticket.poliCode,
    );
    const start = session
      ? localTimeToInstant(ticket.serviceDate, session.start, this.config.TIMEZONE).getTime()
      : 0;
    const estimasidilayani =
      Math.max(start, Date.now()) + (live.ahead ?? ticket.queueNumber - 1) * perPatient * 60_000;
    return {
      nomorantrean: ticket.displayNumber,
      angkaantrean: ticket.queueNumber,
      kodebooking: ticket.bookingCode,
      norm: patient.norm,
      namapoli: poli.name,
      namadokter: session?.doctorName ?? '',
      estimasidilayani,
      ...(session
        ? await this.quota.quota(facilityCode, ticket.serviceDate, session)
        : { sisakuotajkn: 0, kuotajkn: 0, sisakuotanonjkn: 0, kuotanonjkn: 0 }),
      keterangan: KETERANGAN_DATANG,
    };
  }
}
