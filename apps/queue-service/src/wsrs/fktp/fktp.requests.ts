import { z } from 'zod';

const FORMAT = (name: string) => ({ error: `${name} Belum Diisi atau Formatnya Tidak Sesuai` });
const card = z.string(FORMAT('Nomor Kartu')).regex(/^\d{13}$/, 'Format Nomor Kartu Tidak Sesuai');
const date = z.iso.date('Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd');
const kodepoli = z.string(FORMAT('Kode Poli')).regex(/^[A-Z0-9]{3}$/, 'Kode Poli Tidak Sesuai');

/** Path of `GET antrean/status/{kodepoli}/{tanggalperiksa}`. */
export const fktpStatusParams = z.object({ kodepoli, tanggalperiksa: date });
/** Path of `GET antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa}`. */
export const fktpSisaParams = z.object({ nomorkartu: card, kodepoli, tanggalperiksa: date });

/** `POST antrean` (ambil antrean FKTP). Mobile JKN's extra fields (namapoli…) are ignored. */
export const fktpAmbilAntrean = z.object({
  nomorkartu: card,
  nik: z.string(FORMAT('NIK')).regex(/^\d{16}$/, 'Format NIK Tidak Sesuai'),
  nohp: z
    .string()
    .regex(/^(\+62|62|0)8\d{7,12}$/, 'Format No HP Tidak Sesuai, mis. 081234567890')
    .optional(),
  kodepoli,
  norm: z.string().max(20).optional().default(''),
  tanggalperiksa: date,
  keluhan: z.string().max(500).optional(),
  kodedokter: z
    .union([z.number().int().nonnegative(), z.string().regex(/^\d{1,12}$/)], FORMAT('Kode Dokter'))
    .transform((v) => String(v)),
  jampraktek: z
    .string(FORMAT('Jam Praktek'))
    .regex(/^\d{2}:\d{2}-\d{2}:\d{2}$/, 'Format Jam Praktek Tidak Sesuai, mis. 08:00-12:00'),
});

/** `PUT antrean/batal` */
export const fktpBatal = z.object({
  tanggalperiksa: date,
  kodepoli,
  nomorkartu: card,
  alasan: z.string(FORMAT('Alasan')).trim().min(3, 'Alasan Belum Diisi').max(500),
});
