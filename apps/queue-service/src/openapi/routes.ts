import { z } from 'zod';
import { facilityUpsertedV1 } from '@app/contracts';
import {
  CommonErrorCode,
  OBSERVABILITY_ROUTES,
  OPENAPI_DOCUMENT_ROUTE,
  type Route,
} from '@app/http';
import {
  counterCodeParam,
  finishRequest,
  noShowRequest,
  transferRequest,
} from '../calling/counters.controller';
import { QueueErrorCode as Q } from '../errors';
import { expireRequest } from '../expiry/jobs.controller';
import { identityReadQuery } from '../patient-identity/internal-identity.controller';
import { absenceRequest } from '../facilities/declare-absence/declare-absence.usecase';
import { dateQuery, holidayRequest } from '../facilities/facilities.controller';
import { facilityRequest } from '../facilities/upsert-facility/facility.request';
import { districtParam } from '../kpis/district-kpis/district-kpis.usecase';
import { districtDateQuery } from '../kpis/districts.controller';
import {
  bookTicketRequest,
  facilityCodeParam,
  priorityRequest,
} from '../tickets/book-ticket/book-ticket.request';
import { bookingCodeParam, cancelRequest } from '../tickets/tickets.controller';
import { WSRS_ROUTES } from '../wsrs/wsrs.routes';
import {
  ownedTicketView,
  ticketView,
  ticketStatus,
  ticketHistory,
  facilityBoard,
  facilityKpis,
  districtKpis,
  districtSummary,
  counterInfo,
  counterQueue,
  facilitySummary,
  sessionView,
} from './views';

const V = CommonErrorCode.ValidationFailed;
const ticketParams = z.object({ bookingCode: bookingCodeParam });
const facilityParams = z.object({ facilityCode: facilityCodeParam });
const counterParams = z.object({ facilityCode: facilityCodeParam, counterCode: counterCodeParam });
const atCounter = [V, Q.CounterNotFound, Q.CounterIdle];
const counterPath = '/v1/facilities/{facilityCode}/counters/{counterCode}';

/** Every HTTP route of queue-service (a unit test holds it against the controllers). */
export const ROUTES: Route[] = [
  {
    method: 'post',
    path: '/v1/facilities/{facilityCode}/tickets',
    summary: 'Ambil antrean (pesan tiket)',
    params: facilityParams,
    headers: z.object({
      'Idempotency-Key': z
        .string()
        .optional()
        .describe('8–100 karakter [A-Za-z0-9_.:-]; permintaan ulang menjawab tiket yang sama'),
    }),
    body: bookTicketRequest,
    response: ownedTicketView,
    status: 201,
    alsoStatus: { 200: 'Tiket yang sama: Idempotency-Key ini sudah dipakai untuk permintaan ini' },
    errors: [
      V,
      Q.PatientIdentifierMissing,
      Q.CardRequiredForJkn,
      Q.PhoneRequired,
      Q.ReferenceRequired,
      Q.IdempotencyKeyInvalid,
      Q.IdempotencyKeyReused,
      Q.DateInPast,
      Q.DateBeyondHorizon,
      Q.FacilityNotFound,
      Q.PoliNotFound,
      Q.NoSchedule,
      Q.DoctorAbsent,
      Q.SessionClosed,
      Q.QuotaExhausted,
      Q.DuplicateBooking,
      Q.ReferenceInUse,
      CommonErrorCode.Unavailable,
    ],
  },
  {
    method: 'get',
    path: '/v1/tickets/{bookingCode}',
    summary: 'Tiket menurut kode booking',
    params: ticketParams,
    response: ownedTicketView,
    errors: [V, Q.TicketNotFound],
  },
  {
    method: 'get',
    path: '/v1/tickets/{bookingCode}/status',
    summary: 'Sisa antrean: posisi, nomor yang dipanggil, perkiraan waktu, sisa kuota',
    params: ticketParams,
    response: ticketStatus,
    errors: [V, Q.TicketNotFound],
  },
  {
    method: 'get',
    path: '/v1/tickets/{bookingCode}/history',
    summary: 'Riwayat tiket: setiap perpindahan dan task id BPJS, berurutan',
    params: ticketParams,
    response: ticketHistory,
    errors: [V, Q.TicketNotFound],
  },
  {
    method: 'post',
    path: '/v1/tickets/{bookingCode}/check-in',
    summary: 'Check-in di faskes (hanya pada hari periksa, dalam jendela jam praktik)',
    params: ticketParams,
    response: ticketView,
    errors: [
      V,
      Q.TicketNotFound,
      Q.InvalidState,
      Q.CheckInNotToday,
      Q.CheckInTooEarly,
      Q.CheckInTooLate,
    ],
  },
  {
    method: 'post',
    path: '/v1/tickets/{bookingCode}/cancel',
    summary: 'Batalkan antrean (sebelum check-in)',
    params: ticketParams,
    body: cancelRequest,
    response: ticketView,
    errors: [V, Q.TicketNotFound, Q.InvalidState, Q.CancelAfterCheckIn],
  },
  {
    method: 'post',
    path: '/v1/tickets/{bookingCode}/priority',
    summary: 'Jadikan antrean prioritas (lansia, disabilitas, hamil, darurat)',
    params: ticketParams,
    body: priorityRequest,
    response: ticketView,
    errors: [V, Q.TicketNotFound, Q.InvalidState],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/counters',
    summary: 'Daftar loket faskes',
    params: facilityParams,
    response: z.array(counterInfo),
    errors: [V],
  },
  {
    method: 'get',
    path: `${counterPath}/queue`,
    summary: 'Konsol loket: pasien di loket dan daftar tunggu sesuai urutan panggil',
    params: counterParams,
    response: counterQueue,
    errors: [V, Q.CounterNotFound],
  },
  {
    method: 'post',
    path: `${counterPath}/call-next`,
    summary: 'Panggil antrean berikutnya (prioritas dulu)',
    params: counterParams,
    response: ticketView,
    errors: [V, Q.CounterNotFound, Q.CounterBusy, Q.QueueEmpty],
  },
  {
    method: 'post',
    path: `${counterPath}/recall`,
    summary: 'Panggil ulang pasien yang sedang dipanggil',
    params: counterParams,
    response: ticketView,
    errors: atCounter,
  },
  {
    method: 'post',
    path: `${counterPath}/no-show`,
    summary: 'Pasien tidak hadir (boleh dikembalikan ke antrean)',
    params: counterParams,
    body: noShowRequest,
    response: ticketView,
    errors: atCounter,
  },
  {
    method: 'post',
    path: `${counterPath}/start`,
    summary: 'Mulai melayani pasien yang dipanggil',
    params: counterParams,
    response: ticketView,
    errors: atCounter,
  },
  {
    method: 'post',
    path: `${counterPath}/finish`,
    summary: 'Selesai melayani; lanjut ke poli, farmasi, atau selesai',
    params: counterParams,
    body: finishRequest,
    response: ticketView,
    errors: [...atCounter, Q.InvalidState],
  },
  {
    method: 'post',
    path: `${counterPath}/transfer`,
    summary: 'Pindahkan pasien ke loket atau poli lain',
    params: counterParams,
    body: transferRequest,
    response: ticketView,
    errors: [...atCounter, Q.PoliNotFound],
  },
  {
    method: 'get',
    path: '/v1/facilities',
    summary: 'Daftar faskes beserta polinya',
    response: z.array(facilitySummary),
    errors: [],
  },
  {
    method: 'put',
    path: '/v1/facilities/{facilityCode}',
    summary: 'Simpan data induk faskes (poli, dokter, jadwal, loket)',
    params: facilityParams,
    body: facilityRequest,
    response: facilityUpsertedV1,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/sessions',
    summary: 'Jadwal praktik satu hari dengan sisa kuota (poliCode wajib)',
    params: facilityParams,
    query: dateQuery,
    response: z.array(sessionView),
    errors: [V],
  },
  {
    method: 'post',
    path: '/v1/facilities/{facilityCode}/doctor-absences',
    summary: 'Dokter berhalangan: tutup pemesanan dan kabari pasien yang sudah memesan',
    params: facilityParams,
    body: absenceRequest,
    response: z.object({ affected: z.number().int() }),
    status: 201,
    errors: [V, Q.NoSchedule],
  },
  {
    method: 'put',
    path: '/v1/facilities/{facilityCode}/holidays/{date}',
    summary: 'Tetapkan hari libur faskes (jadwal hari libur berlaku)',
    params: z.object({ facilityCode: facilityCodeParam, date: z.iso.date() }),
    body: holidayRequest,
    response: z.object({ date: z.iso.date(), name: z.string() }),
    errors: [V, Q.FacilityNotFound],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/board',
    summary: 'Papan ruang tunggu: nomor yang dipanggil per loket dan antrean berikutnya',
    params: facilityParams,
    query: dateQuery,
    response: facilityBoard,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/kpis',
    summary: 'Indikator layanan: waktu tunggu dan layanan, tidak hadir, porsi online, kuota',
    params: facilityParams,
    query: dateQuery,
    response: facilityKpis,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/districts',
    summary: 'Wilayah (kabupaten/kota) yang punya faskes terdaftar, dengan jumlah faskesnya',
    response: z.array(districtSummary),
    errors: [],
  },
  {
    method: 'get',
    path: '/v1/districts/{district}/kpis',
    summary:
      'Indikator layanan semua faskes satu wilayah pada satu tanggal (untuk Dinas Kesehatan)',
    params: z.object({ district: districtParam }),
    query: districtDateQuery,
    response: districtKpis,
    errors: [V, Q.DistrictNotFound],
  },
  {
    method: 'post',
    path: '/internal/v1/jobs/expire-tickets',
    summary: 'Jalankan kedaluwarsa tiket sekarang (404 bila ENABLE_JOB_ENDPOINTS mati)',
    body: expireRequest,
    response: z.object({ expired: z.number().int() }),
    errors: [V, CommonErrorCode.NotFound],
  },
  {
    method: 'post',
    path: '/internal/v1/jobs/erase-patient-data',
    summary:
      'Hapus identitas pasien tiket yang selesai lebih dari PATIENT_DATA_RETENTION_DAYS hari (404 bila ENABLE_JOB_ENDPOINTS mati)',
    body: expireRequest,
    response: z.object({ erased: z.number().int(), cutoff: z.string() }),
    errors: [V, CommonErrorCode.NotFound],
  },
  {
    method: 'get',
    path: '/internal/v1/tickets/{bookingCode}/patient-identity',
    summary:
      'Internal (Bearer INTERNAL_API_TOKEN, header X-Caller): identitas pasien sebuah tiket, setiap baca tercatat di audit',
    params: ticketParams,
    query: identityReadQuery,
    response: z.object({
      bookingCode: z.string(),
      patientType: z.enum(['JKN', 'NON_JKN']),
      nik: z.string().nullable(),
      nomorkartu: z.string().nullable(),
      nohp: z.string().nullable(),
      norm: z.string().nullable(),
    }),
    errors: [V, Q.TicketNotFound, Q.IdentityNotFound],
  },
  ...WSRS_ROUTES,
  OPENAPI_DOCUMENT_ROUTE,
  ...OBSERVABILITY_ROUTES,
];
