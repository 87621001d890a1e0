import { z } from 'zod';
import { CommonErrorCode, type Route } from '@app/http';
import { QueueErrorCode as Q } from '../errors';
import { facilityCodeParam } from '../tickets/book-ticket/book-ticket.request';
import {
  operatingScheduleItem,
  operatingSchedulesQuery,
  operatingSchedulesRequest,
} from './jadwal-operasi/operating-schedules';
import {
  fktpAmbilAntrean,
  fktpBatal,
  fktpSisaParams,
  fktpStatusParams,
} from './fktp/fktp.requests';
import { fktpPeserta } from './fktp/wsfktp.controller';
import { wsrsMappingsRequest } from './mappings/wsrs-mappings';
import { wsrsCredentialsRequest } from './wsrs-admin.controller';
import {
  wsrsAmbilAntrean,
  wsrsBatalAntrean,
  wsrsCheckinAntrean,
  wsrsJadwalOperasiPasien,
  wsrsJadwalOperasiRs,
  wsrsKodeBooking,
  wsrsPasienBaru,
  wsrsStatusAntrean,
} from './wsrs.requests';

const metadata = z.object({
  code: z
    .union([z.literal(200), z.literal(201), z.literal(202)])
    .describe('200 berhasil; 201 gagal (alasan di message); 202 pasien baru (panggil pasienbaru)'),
  message: z.string(),
});
const wsrs = (response?: z.ZodType) =>
  z.object({ ...(response ? { response: response.optional() } : {}), metadata });
const quota = {
  sisakuotajkn: z.number().int(),
  kuotajkn: z.number().int(),
  sisakuotanonjkn: z.number().int(),
  kuotanonjkn: z.number().int(),
};
const params = z.object({ kodeppk: facilityCodeParam });
const authHeaders = z.object({
  'x-token': z.string().describe('dari GET /wsrs/{kodeppk}/token'),
  'x-username': z.string(),
});
const jadwalItem = operatingScheduleItem
  .omit({ terlaksana: true })
  .extend({ terlaksana: z.union([z.literal(0), z.literal(1)]), lastupdate: z.number().int() });

const DESCRIPTION =
  'WS RS (Mobile JKN memanggil rumah sakit). Selalu HTTP 200; hasilnya di metadata.code. ' +
  'Token salah atau kedaluwarsa: metadata 201.';

const post = (name: string, summary: string, body: z.ZodType, response?: z.ZodType): Route => ({
  method: 'post',
  path: `/wsrs/{kodeppk}/${name}`,
  summary,
  description: DESCRIPTION,
  params,
  headers: authHeaders,
  body,
  response: wsrs(response),
  errors: [],
});

const FKTP =
  'WS FKTP (Mobile JKN memanggil puskesmas/klinik). ' +
  DESCRIPTION.slice(DESCRIPTION.indexOf('Selalu'));
const fktpSisa = z.object({
  nomorantrean: z.string(),
  namapoli: z.string(),
  sisaantrean: z.number().int(),
  antreanpanggil: z.string(),
  keterangan: z.string(),
});
const FKTP_ROUTES: Route[] = [
  {
    method: 'get',
    path: '/wsfktp/{kodeppk}/auth',
    summary: 'WS FKTP: token dari x-username dan x-password',
    description: FKTP,
    params,
    headers: z.object({ 'x-username': z.string(), 'x-password': z.string() }),
    response: wsrs(z.object({ token: z.string() })),
    errors: [],
  },
  {
    method: 'get',
    path: '/wsfktp/{kodeppk}/antrean/status/{kodepoli}/{tanggalperiksa}',
    summary: 'WS FKTP: status antrean tiap jadwal dokter sebuah poli',
    description: FKTP,
    params: params.extend(fktpStatusParams.shape),
    headers: authHeaders,
    response: wsrs(
      z.array(
        z.object({
          namapoli: z.string(),
          totalantrean: z.number().int(),
          sisaantrean: z.number().int(),
          antreanpanggil: z.string(),
          keterangan: z.string(),
          kodedokter: z.number().int(),
          namadokter: z.string(),
          jampraktek: z.string(),
        }),
      ),
    ),
    errors: [],
  },
  {
    method: 'post',
    path: '/wsfktp/{kodeppk}/antrean',
    summary: 'WS FKTP: ambil antrean (202 bila pasien baru)',
    description: FKTP,
    params,
    headers: authHeaders,
    body: fktpAmbilAntrean,
    response: wsrs(fktpSisa.extend({ angkaantrean: z.number().int() })),
    errors: [],
  },
  {
    method: 'get',
    path: '/wsfktp/{kodeppk}/antrean/sisapeserta/{nomorkartu}/{kodepoli}/{tanggalperiksa}',
    summary: 'WS FKTP: sisa antrean seorang peserta',
    description: FKTP,
    params: params.extend(fktpSisaParams.shape),
    headers: authHeaders,
    response: wsrs(fktpSisa),
    errors: [],
  },
  {
    method: 'put',
    path: '/wsfktp/{kodeppk}/antrean/batal',
    summary: 'WS FKTP: batalkan antrean peserta (sebelum check-in)',
    description: FKTP,
    params,
    headers: authHeaders,
    body: fktpBatal,
    response: wsrs(),
    errors: [],
  },
  {
    method: 'post',
    path: '/wsfktp/{kodeppk}/peserta',
    summary: 'WS FKTP: daftarkan pasien baru',
    description: FKTP,
    params,
    headers: authHeaders,
    body: fktpPeserta,
    response: wsrs(z.object({ norm: z.string() })),
    errors: [],
  },
];

/** WS RS and WS FKTP routes (BPJS calls them with its own x-token, not the service token). */
const BPJS_CALLED = (
  [
    ...FKTP_ROUTES,
    {
      method: 'get',
      path: '/wsrs/{kodeppk}/token',
      summary: 'WS RS: token dari x-username dan x-password',
      description: DESCRIPTION,
      params,
      headers: z.object({ 'x-username': z.string(), 'x-password': z.string() }),
      response: wsrs(z.object({ token: z.string() })),
      errors: [],
    },
    post(
      'statusantrean',
      'WS RS: status antrean satu jadwal dokter',
      wsrsStatusAntrean,
      z.object({
        namapoli: z.string(),
        namadokter: z.string(),
        totalantrean: z.number().int(),
        sisaantrean: z.number().int(),
        antreanpanggil: z.string(),
        ...quota,
        keterangan: z.string(),
      }),
    ),
    post(
      'ambilantrean',
      'WS RS: ambil antrean (tiket yang sama dengan kanal lain; 202 bila pasien baru)',
      wsrsAmbilAntrean,
      z.object({
        nomorantrean: z.string(),
        angkaantrean: z.number().int(),
        kodebooking: z.string(),
        norm: z.string(),
        namapoli: z.string(),
        namadokter: z.string(),
        estimasidilayani: z.number().int().describe('epoch ms'),
        ...quota,
        keterangan: z.string(),
      }),
    ),
    post(
      'sisaantrean',
      'WS RS: sisa antrean sebuah tiket',
      wsrsKodeBooking,
      z.object({
        nomorantrean: z.string(),
        namapoli: z.string(),
        namadokter: z.string(),
        sisaantrean: z.number().int(),
        antreanpanggil: z.string(),
        waktutunggu: z.number().int().describe('detik'),
        keterangan: z.string(),
      }),
    ),
    post('batalantrean', 'WS RS: batalkan antrean (sebelum check-in)', wsrsBatalAntrean),
    post('checkinantrean', 'WS RS: check-in antrean', wsrsCheckinAntrean),
    post(
      'pasienbaru',
      'WS RS: daftarkan pasien baru, jawab nomor rekam medis',
      wsrsPasienBaru,
      z.object({ norm: z.string() }),
    ),
    post(
      'jadwaloperasirs',
      'WS RS: jadwal operasi rumah sakit dalam rentang tanggal',
      wsrsJadwalOperasiRs,
      z.object({ list: z.array(jadwalItem) }),
    ),
    post(
      'jadwaloperasipasien',
      'WS RS: jadwal operasi seorang peserta yang belum terlaksana',
      wsrsJadwalOperasiPasien,
      z.object({ list: z.array(jadwalItem.omit({ nopeserta: true, lastupdate: true })) }),
    ),
    post(
      'ambilantreanfarmasi',
      'WS RS: ambil nomor antrean farmasi',
      wsrsKodeBooking,
      z.object({ jenisresep: z.string(), nomorantrean: z.number().int(), keterangan: z.string() }),
    ),
    post(
      'statusantreanfarmasi',
      'WS RS: status antrean farmasi',
      wsrsKodeBooking,
      z.object({
        jenisresep: z.string(),
        totalantrean: z.number().int(),
        sisaantrean: z.number().int(),
        antreanpanggil: z.number().int(),
        keterangan: z.string(),
      }),
    ),
  ] satisfies Route[]
).map((r): Route => ({ ...r, exemptFromServiceAuth: true }));

/** WS RS and WS FKTP routes and their admin API, for the OpenAPI document. */
export const WSRS_ROUTES: Route[] = [
  ...BPJS_CALLED,
  {
    method: 'put',
    path: '/v1/facilities/{facilityCode}/wsrs-credentials',
    summary: 'Tetapkan username dan password WS RS faskes (password disimpan sebagai hash scrypt)',
    params: z.object({ facilityCode: facilityCodeParam }),
    body: wsrsCredentialsRequest,
    response: z.object({
      facilityCode: z.string(),
      username: z.string(),
      updatedAt: z.iso.datetime(),
    }),
    errors: [CommonErrorCode.ValidationFailed, Q.FacilityNotFound],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/wsrs-mappings',
    summary: 'Pemetaan kode poli dan dokter BPJS ke kode faskes',
    params: z.object({ facilityCode: facilityCodeParam }),
    response: wsrsMappingsRequest,
    errors: [CommonErrorCode.ValidationFailed],
  },
  {
    method: 'put',
    path: '/v1/facilities/{facilityCode}/wsrs-mappings',
    summary: 'Ganti seluruh pemetaan kode poli dan dokter BPJS (tanpa baris = kode sama)',
    params: z.object({ facilityCode: facilityCodeParam }),
    body: wsrsMappingsRequest,
    response: wsrsMappingsRequest,
    errors: [CommonErrorCode.ValidationFailed, Q.FacilityNotFound],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/operating-schedules',
    summary: 'Jadwal operasi faskes (from/to opsional)',
    params: z.object({ facilityCode: facilityCodeParam }),
    query: operatingSchedulesQuery,
    response: z.object({ list: z.array(jadwalItem) }),
    errors: [CommonErrorCode.ValidationFailed],
  },
  {
    method: 'put',
    path: '/v1/facilities/{facilityCode}/operating-schedules',
    summary: 'Simpan jadwal operasi (upsert per kodebooking)',
    params: z.object({ facilityCode: facilityCodeParam }),
    body: operatingSchedulesRequest,
    response: z.object({ saved: z.number().int() }),
    errors: [CommonErrorCode.ValidationFailed, Q.FacilityNotFound],
  },
];
