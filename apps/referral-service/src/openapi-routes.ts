import { z } from 'zod';
import {
  CommonErrorCode,
  OBSERVABILITY_ROUTES,
  OPENAPI_DOCUMENT_ROUTE,
  type Route,
} from '@app/http';
import { createReferralRequest } from './referrals/create-referral/create-referral.request';
import {
  acceptReferralRequest,
  declineReferralRequest,
  forwardReferralRequest,
} from './referrals/respond-to-referral/respond.requests';
import {
  backReferRequest,
  completeReferralRequest,
} from './referrals/close-loop/close-loop.requests';
import { cancelReferralRequest } from './referrals/cancel-referral/cancel-referral.usecase';
import { listReferralsQuery } from './referrals/list-referrals/list-referrals.usecase';
import { referralView } from './referrals/referral.view';
import { suggestionView } from './destinations/ranking';
import { suggestDestinationsQuery } from './destinations/suggest-destinations.usecase';
import { rrnsQuery, rrnsView } from './rrns/rrns.usecase';
import { districtParam, districtRrnsView } from './rrns/district-rrns/district-rrns.usecase';
import {
  diagnosisView,
  nonSpecialistEntryView,
  putNonSpecialistRequest,
} from './diagnoses/diagnoses.controller';
import {
  deliveriesQuery,
  deliveryView,
  registerWebhookRequest,
  webhookView,
} from './webhooks/webhooks.controller';
import { expireJobRequest } from './jobs/jobs.controller';
import { identityReadQuery } from './referrals/read-patient-identity/internal-identity.controller';
import { referralIdParam } from './referrals/referrals.controller';
import {
  patientReferralsQuery,
  patientReferralView,
  referralNumberParam,
} from './referrals/patient-view/patient-referral.view';

const V = CommonErrorCode.ValidationFailed;
const NF = 'REFERRAL.NOT_FOUND';
const IT = 'REFERRAL.ILLEGAL_TRANSITION';
const EX = 'REFERRAL.EXPIRED';
const CU = 'REFERRAL.CONCURRENT_UPDATE';
const change = [V, NF, IT, EX, CU];
const fhirBundle = z.object({ resourceType: z.literal('Bundle') }).loose();

/** Every HTTP route of referral-service (a unit test checks none is missing). */
export const ROUTES: Route[] = [
  {
    method: 'post',
    path: '/v1/referrals',
    summary: 'Buat rujukan (FKTP)',
    headers: z.object({
      'Idempotency-Key': z
        .string()
        .optional()
        .describe(
          '8–100 karakter [A-Za-z0-9_.:-], unik per FKTP asal; permintaan ulang dengan isi sama menjawab rujukan yang sama (200), dengan isi lain 409 REFERRAL.IDEMPOTENCY_KEY_REUSED',
        ),
    }),
    body: createReferralRequest,
    response: referralView,
    status: 201,
    alsoStatus: {
      200: 'Rujukan yang sama: Idempotency-Key ini sudah dipakai untuk permintaan ini',
    },
    errors: [
      V,
      'REFERRAL.IDEMPOTENCY_KEY_INVALID',
      'REFERRAL.IDEMPOTENCY_KEY_REUSED',
      'REFERRAL.UNKNOWN_DIAGNOSIS',
      'REFERRAL.TACC_REQUIRED',
      'REFERRAL.TACC_INVALID',
      'REFERRAL.PATIENT_IDENTIFIER_MISSING',
      'REFERRAL.INVALID_DATE',
      'REFERRAL.SAME_FACILITY',
      'REFERRAL.UNKNOWN_FACILITY',
      'REFERRAL.POLI_NOT_AVAILABLE',
    ],
  },
  {
    method: 'get',
    path: '/v1/referrals/{id}',
    summary: 'Satu rujukan dengan status terkini',
    response: referralView,
    errors: [V, NF],
  },
  {
    method: 'get',
    path: '/v1/patient-referrals/{number}',
    summary: 'Rujukan sebagaimana pasien boleh membacanya (tanpa NIK, kartu, telepon, nama)',
    params: z.object({ number: referralNumberParam }),
    response: patientReferralView,
    errors: [V, NF],
  },
  {
    method: 'get',
    path: '/v1/patient-referrals',
    summary: 'Semua rujukan seorang pasien (patientRef), tampilan pasien',
    query: patientReferralsQuery,
    response: z.array(patientReferralView),
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/referrals/{id}/fhir',
    summary: 'Rujukan sebagai FHIR R4 Bundle (ServiceRequest + Task)',
    response: fhirBundle,
    errors: [V, NF],
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/receive',
    summary: 'RS membuka rujukan',
    response: referralView,
    errors: change,
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/accept',
    summary: 'RS menyetujui (tanggal, poli, dokter); tiket dipesan',
    body: acceptReferralRequest,
    response: referralView,
    errors: [...change, 'REFERRAL.INVALID_DATE', 'REFERRAL.POLI_NOT_AVAILABLE'],
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/decline',
    summary: 'RS menolak dengan alasan',
    body: declineReferralRequest,
    response: referralView,
    errors: change,
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/forward',
    summary: 'RS mengalihkan ke RS lain',
    body: forwardReferralRequest,
    response: referralView,
    errors: [
      ...change,
      'REFERRAL.SAME_FACILITY',
      'REFERRAL.UNKNOWN_FACILITY',
      'REFERRAL.POLI_NOT_AVAILABLE',
    ],
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/attend',
    summary: 'Pasien sudah dilayani',
    response: referralView,
    errors: change,
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/no-show',
    summary: 'Pasien tidak hadir',
    response: referralView,
    errors: change,
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/complete',
    summary: 'Selesai, dengan jawaban untuk dokter perujuk',
    body: completeReferralRequest,
    response: referralView,
    errors: change,
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/back-referral',
    summary: 'Rujuk balik (PRB)',
    body: backReferRequest,
    response: referralView,
    errors: change,
  },
  {
    method: 'post',
    path: '/v1/referrals/{id}/cancel',
    summary: 'FKTP membatalkan sebelum pasien dilayani',
    body: cancelReferralRequest,
    response: referralView,
    errors: change,
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/referrals',
    summary: 'Rujukan yang dikirim FKTP, dengan status terkini',
    query: listReferralsQuery,
    response: z.array(referralView),
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/hospitals/{facilityCode}/referrals',
    summary: 'Kotak masuk rujukan RS',
    query: listReferralsQuery,
    response: z.array(referralView),
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/facilities/{facilityCode}/rrns',
    summary: 'Rasio rujukan non-spesialistik per bulan',
    query: rrnsQuery,
    response: rrnsView,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/districts/{district}/rrns',
    summary: 'Rasio rujukan non-spesialistik semua FKTP satu wilayah per bulan (Dinas Kesehatan)',
    params: z.object({ district: districtParam }),
    query: rrnsQuery,
    response: districtRrnsView,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/referral-destinations',
    summary: 'Saran RS tujuan (kompetensi, jarak, beban)',
    query: suggestDestinationsQuery,
    response: z.object({ date: z.string(), suggestions: z.array(suggestionView) }),
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/diagnoses/{code}',
    summary: 'Cek kode ICD-10',
    response: diagnosisView,
    errors: [V, 'REFERRAL.UNKNOWN_DIAGNOSIS'],
  },
  {
    method: 'get',
    path: '/v1/non-specialist-diagnoses',
    summary: 'Daftar diagnosis kompetensi FKTP',
    response: z.array(nonSpecialistEntryView),
    errors: [],
  },
  {
    method: 'put',
    path: '/v1/non-specialist-diagnoses/{code}',
    summary: 'Tambah/ubah/nonaktifkan diagnosis kompetensi FKTP',
    body: putNonSpecialistRequest,
    response: nonSpecialistEntryView,
    errors: [V, 'REFERRAL.UNKNOWN_DIAGNOSIS'],
  },
  {
    method: 'put',
    path: '/v1/hospitals/{facilityCode}/webhook',
    summary: 'Daftarkan webhook RS (URL + secret HMAC)',
    body: registerWebhookRequest,
    response: webhookView,
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/hospitals/{facilityCode}/webhook',
    summary: 'Webhook RS',
    response: webhookView,
    errors: [V, 'REFERRAL.WEBHOOK_NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/v1/hospitals/{facilityCode}/webhook',
    summary: 'Hentikan webhook RS',
    status: 204,
    errors: [V, 'REFERRAL.WEBHOOK_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/v1/hospitals/{facilityCode}/webhook-deliveries',
    summary: 'Riwayat pengiriman webhook',
    query: deliveriesQuery,
    response: z.array(deliveryView),
    errors: [V],
  },
  {
    method: 'get',
    path: '/v1/hospital-load/{facilityCode}',
    summary: 'Beban RS per poli dan hari (dari event antrean)',
    response: z.array(
      z.object({
        facilityCode: z.string(),
        poliCode: z.string(),
        serviceDate: z.string(),
        booked: z.number(),
      }),
    ),
    errors: [V],
  },
  {
    method: 'post',
    path: '/internal/v1/jobs/expire-referrals',
    summary: 'Jalankan penyapuan kedaluwarsa sekarang (now palsu hanya di luar produksi)',
    body: expireJobRequest,
    response: z.object({ today: z.string(), expired: z.array(z.string()) }),
    errors: [V, 'REFERRAL.CLOCK_OVERRIDE_REFUSED'],
  },
  {
    method: 'get',
    path: '/internal/v1/referrals/{id}/patient-identity',
    summary:
      'Internal (Bearer INTERNAL_API_TOKEN, header X-Caller): identitas pasien sebuah rujukan, setiap baca tercatat di audit',
    params: z.object({ id: referralIdParam }),
    query: identityReadQuery,
    headers: z.object({
      'X-Caller': z.string().describe('layanan pemanggil, mis. queue-service (dicatat di audit)'),
      'X-Actor': z
        .string()
        .optional()
        .describe('akun orang yang meminta, diteruskan gateway (dicatat di audit)'),
    }),
    response: z.object({
      referralId: z.string(),
      nik: z.string().nullable(),
      cardNumber: z.string().nullable(),
      phone: z.string().nullable(),
    }),
    errors: [V, NF],
  },
  {
    method: 'get',
    path: '/internal/v1/referrals/{id}/identity-access',
    summary:
      'Internal (Bearer INTERNAL_API_TOKEN): jejak audit identitas pasien sebuah rujukan (baca, buat, hapus)',
    params: z.object({ id: referralIdParam }),
    response: z.array(
      z.object({
        accessor: z.string(),
        caller: z.string().nullable(),
        action: z.enum(['read', 'create', 'erase']),
        purpose: z.string(),
        fields: z.array(z.string()),
        at: z.string(),
      }),
    ),
    errors: [V],
  },
  {
    method: 'post',
    path: '/internal/v1/jobs/erase-patient-data',
    summary:
      'Internal: hapus identitas pasien rujukan yang sudah selesai lebih dari PATIENT_DATA_RETENTION_DAYS hari',
    body: expireJobRequest,
    response: z.object({ erased: z.number().int(), cutoff: z.string() }),
    errors: [V, 'REFERRAL.CLOCK_OVERRIDE_REFUSED'],
  },
  OPENAPI_DOCUMENT_ROUTE,
  ...OBSERVABILITY_ROUTES,
];
