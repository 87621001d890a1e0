import { Injectable } from '@nestjs/common';
import { z } from 'zod';
import { DomainError } from '@app/http';
import { QueueDb } from '../../database/queue-db';
import { QueueErrorCode } from '../../errors';
import type { OperatingSchedule } from '../../generated/prisma/client';
import { WsrsRefusal } from '../wsrs-response';

export const operatingScheduleItem = z
  .object({
    kodebooking: z.string().regex(/^[0-9A-Za-z/-]{3,30}$/, 'kode booking operasi tidak valid'),
    tanggaloperasi: z.iso.date('tanggal operasi harus berformat YYYY-MM-DD'),
    jenistindakan: z.string().trim().min(3, 'jenis tindakan wajib diisi').max(200),
    kodepoli: z.string().regex(/^[A-Z0-9]{3}$/, 'kode poli BPJS: 3 karakter'),
    namapoli: z.string().trim().min(1).max(100),
    terlaksana: z.boolean().default(false),
    /** Nomor kartu JKN; empty for a non-JKN patient. */
    nopeserta: z
      .string()
      .regex(/^(\d{13})?$/, 'nomor peserta harus 13 digit atau kosong')
      .default(''),
  })
  .strict();
export const operatingSchedulesRequest = z
  .object({ list: z.array(operatingScheduleItem).min(1).max(1000) })
  .strict();
export const operatingSchedulesQuery = z
  .object({
    from: z.iso.date('from harus berformat YYYY-MM-DD').optional(),
    to: z.iso.date('to harus berformat YYYY-MM-DD').optional(),
  })
  .strict();

export interface JadwalOperasiItem {
  kodebooking: string;
  tanggaloperasi: string;
  jenistindakan: string;
  kodepoli: string;
  namapoli: string;
  /** 0 belum, 1 sudah */
  terlaksana: 0 | 1;
  nopeserta: string;
  /** epoch ms */
  lastupdate: number;
}

const toItem = (r: OperatingSchedule): JadwalOperasiItem => ({
  kodebooking: r.kodebooking,
  tanggaloperasi: r.tanggaloperasi.toISOString().slice(0, 10),
  jenistindakan: r.jenistindakan,
  kodepoli: r.kodepoli,
  namapoli: r.namapoli,
  terlaksana: r.terlaksana ? 1 : 0,
  nopeserta: r.nopeserta,
  lastupdate: r.updatedAt.getTime(),
});
const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * Jadwal operasi: the facility's operating-room schedule, kept here by its staff (admin API,
 * upsert by kodebooking) and read by Mobile JKN (jadwaloperasirs, jadwaloperasipasien).
 */
@Injectable()
export class OperatingSchedules {
  constructor(private readonly db: QueueDb) {}

  async upsert(
    facilityCode: string,
    body: z.infer<typeof operatingSchedulesRequest>,
  ): Promise<{ saved: number }> {
    if (!(await this.db.facility.findUnique({ where: { code: facilityCode } }))) {
      throw new DomainError(
        QueueErrorCode.FacilityNotFound,
        `Faskes dengan kode ${facilityCode} tidak ditemukan.`,
      );
    }
    const now = new Date();
    await this.db.$transaction(
      body.list.map((i) => {
        const data = { ...i, tanggaloperasi: day(i.tanggaloperasi), updatedAt: now };
        return this.db.operatingSchedule.upsert({
          where: { facilityCode_kodebooking: { facilityCode, kodebooking: i.kodebooking } },
          create: { facilityCode, ...data },
          update: data,
        });
      }),
    );
    return { saved: body.list.length };
  }

  async list(
    facilityCode: string,
    from?: string,
    to?: string,
  ): Promise<{ list: JadwalOperasiItem[] }> {
    const rows = await this.db.operatingSchedule.findMany({
      where: {
        facilityCode,
        tanggaloperasi: { ...(from ? { gte: day(from) } : {}), ...(to ? { lte: day(to) } : {}) },
      },
      orderBy: [{ tanggaloperasi: 'asc' }, { kodebooking: 'asc' }],
    });
    return { list: rows.map(toItem) };
  }

  /** jadwaloperasirs */
  async forRange(facilityCode: string, tanggalawal: string, tanggalakhir: string) {
    if (tanggalakhir < tanggalawal) {
      throw new WsrsRefusal('Tanggal Akhir Tidak Boleh Lebih Kecil dari Tanggal Awal');
    }
    return this.list(facilityCode, tanggalawal, tanggalakhir);
  }

  /** jadwaloperasipasien: a patient's operations not done yet. */
  async forPatient(facilityCode: string, nopeserta: string) {
    const rows = await this.db.operatingSchedule.findMany({
      where: { facilityCode, nopeserta, terlaksana: false },
      orderBy: [{ tanggaloperasi: 'asc' }, { kodebooking: 'asc' }],
    });
    return {
      list: rows.map((r) => {
        const i = toItem(r);
        return {
          kodebooking: i.kodebooking,
          tanggaloperasi: i.tanggaloperasi,
          jenistindakan: i.jenistindakan,
          kodepoli: i.kodepoli,
          namapoli: i.namapoli,
          terlaksana: i.terlaksana,
        };
      }),
    };
  }
}
