import { z } from 'zod';
import { WsrsRefusal } from './wsrs-response';

/** BPJS's own validation wording, so Mobile JKN shows the patient a familiar reason. */
const DATE_MSG = 'Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd';
const date = z.iso.date(DATE_MSG);
const card = z.string(FORMAT('Nomor Kartu')).regex(/^\d{13}$/, 'Format Nomor Kartu Tidak Sesuai');
const nik = z.string(FORMAT('NIK')).regex(/^\d{16}$/, 'Format NIK Tidak Sesuai');
const kodebooking = z
  .string(FORMAT('Kode Booking'))
  .regex(/^[0-9A-Z]{6,16}$/, 'Kode Booking Tidak Sesuai');
/** BPJS sends kodedokter as a number; a numeric string is accepted too. */
const kodedokter = z
  .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/)], FORMAT('Kode Dokter'))
  .transform((v) => String(v));
const jampraktek = z
  .string(FORMAT('Jam Praktek'))
  .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'Format Jam Praktek Tidak Sesuai, mis. 08:00-12:00');
const kodepoli = z.string(FORMAT('Kode Poli')).regex(/^[A-Z0-9]{3}$/, 'Kode Poli Tidak Sesuai');
const text = (name: string, max = 200) =>
  z.string(FORMAT(name)).trim().min(1, `${name} Belum Diisi`).max(max, `${name} Terlalu Panjang`);

function FORMAT(name: string) {
  return { error: `${name} Belum Diisi atau Formatnya Tidak Sesuai` };
}

export const wsrsStatusAntrean = z.object({
  kodepoli,
  kodedokter,
  tanggalperiksa: date,
  jampraktek,
});

export const wsrsAmbilAntrean = z.object({
  nomorkartu: card,
  nik,
  nohp: z
    .string(FORMAT('No HP'))
    .regex(/^(\+62|62|0)8\d{7,12}$/, 'Format No HP Tidak Sesuai, mis. 081234567890'),
  kodepoli,
  norm: z.string().max(20).optional().default(''),
  tanggalperiksa: date,
  kodedokter,
  jampraktek,
  /** 1 rujukan FKTP, 2 rujukan internal, 3 kontrol, 4 rujukan antar RS */
  jeniskunjungan: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)], {
    error: 'Jenis Kunjungan Tidak Sesuai (1-4)',
  }),
  nomorreferensi: z.string().max(30).optional().default(''),
});

export const wsrsKodeBooking = z.object({ kodebooking });
export const wsrsBatalAntrean = z.object({
  kodebooking,
  keterangan: z.string().max(500).optional().default(''),
});
export const wsrsCheckinAntrean = z.object({
  kodebooking,
  waktu: z.number(FORMAT('Waktu')).int().positive(),
});

export const wsrsPasienBaru = z.object({
  nomorkartu: card,
  nik,
  nomorkk: z.string(FORMAT('Nomor KK')).regex(/^\d{16}$/, 'Format Nomor KK Tidak Sesuai'),
  nama: text('Nama'),
  jeniskelamin: z.enum(['L', 'P'], { error: 'Jenis Kelamin Tidak Sesuai (L/P)' }),
  tanggallahir: date,
  nohp: z.string(FORMAT('No HP')).regex(/^(\+62|62|0)8\d{7,12}$/, 'Format No HP Tidak Sesuai'),
  alamat: text('Alamat', 500),
  kodeprop: text('Kode Propinsi', 10),
  namaprop: text('Nama Propinsi'),
  kodedati2: text('Kode Dati 2', 10),
  namadati2: text('Nama Dati 2'),
  kodekec: text('Kode Kecamatan', 10),
  namakec: text('Nama Kecamatan'),
  kodekel: text('Kode Kelurahan', 10),
  namakel: text('Nama Kelurahan'),
  rw: text('RW', 5),
  rt: text('RT', 5),
});

export const wsrsJadwalOperasiRs = z.object({ tanggalawal: date, tanggalakhir: date });
export const wsrsJadwalOperasiPasien = z.object({ nopeserta: card });

/** Parses a WS RS body; the first problem becomes the metadata 201 message. */
export function parseWsrs<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new WsrsRefusal(issue?.message ?? 'Data Tidak Sesuai');
}
