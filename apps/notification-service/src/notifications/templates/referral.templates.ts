import { defineTemplate } from './template';

const referral = {
  referralNumber: '332901011126P000123',
  originFacilityCode: '33290101',
  destinationFacilityCode: '3329R001',
  poliCode: 'ANA',
};
type ReferralVars = typeof referral;

export const referralAccepted = defineTemplate<ReferralVars & { visitDate: string }>({
  name: 'referral-accepted',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Rujukan diterima',
      body:
        'Rujukan {{referralNumber}} Anda diterima rumah sakit tujuan ({{destinationFacilityCode}},' +
        ' poli {{poliCode}}) untuk tanggal {{date visitDate}}. Nomor antrean dikirim setelah dijadwalkan.',
    },
    en: {
      title: 'Referral accepted',
      body:
        'Your referral {{referralNumber}} was accepted by the hospital ({{destinationFacilityCode}},' +
        ' clinic {{poliCode}}) for {{date visitDate}}. Your queue number follows once scheduled.',
    },
  },
  sample: { ...referral, visitDate: '2026-11-26' },
});

export const referralDeclined = defineTemplate<ReferralVars & { reason: string }>({
  name: 'referral-declined',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Rujukan ditolak',
      body:
        'Rujukan {{referralNumber}} Anda ditolak rumah sakit tujuan. Alasan: {{reason}}.' +
        ' Faskes perujuk akan membantu mencari rumah sakit lain.',
    },
    en: {
      title: 'Referral declined',
      body:
        'Your referral {{referralNumber}} was declined by the hospital. Reason: {{reason}}.' +
        ' Your referring facility will help you find another hospital.',
    },
  },
  sample: { ...referral, reason: 'dokter spesialis cuti' },
});

export const referralScheduled = defineTemplate<
  ReferralVars & {
    visitDate: string;
    displayNumber: string;
    bookingCode: string;
    estimatedServiceAt: string | null;
    link: string;
  }
>({
  name: 'referral-scheduled',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Rujukan dijadwalkan: antrean {{displayNumber}}',
      body:
        'Rujukan {{referralNumber}} dijadwalkan pada {{date visitDate}} di rumah sakit tujuan.' +
        ' Nomor antrean Anda {{displayNumber}}, kode booking {{bookingCode}}.' +
        '{{#if estimatedServiceAt}} Perkiraan dilayani pukul {{time estimatedServiceAt}}.{{/if}}' +
        ' Pantau antrean: {{link}}',
    },
    en: {
      title: 'Referral scheduled: queue {{displayNumber}}',
      body:
        'Referral {{referralNumber}} is scheduled on {{date visitDate}} at the hospital.' +
        ' Your queue number is {{displayNumber}}, booking code {{bookingCode}}.' +
        '{{#if estimatedServiceAt}} Estimated service time {{time estimatedServiceAt}}.{{/if}}' +
        ' Follow the queue: {{link}}',
    },
  },
  sample: {
    ...referral,
    visitDate: '2026-11-26',
    displayNumber: 'ANA-012',
    bookingCode: '261126ABCD12',
    estimatedServiceAt: null,
    link: 'https://antrean.example.id/tiket/261126ABCD12',
  },
});

export const referralExpiring = defineTemplate<
  ReferralVars & { validUntil: string; daysLeft: number }
>({
  name: 'referral-expiring',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Rujukan segera berakhir',
      body:
        'Rujukan {{referralNumber}} Anda berlaku sampai {{date validUntil}} ({{daysLeft}} hari lagi).' +
        ' Segera gunakan sebelum masa berlakunya habis.',
    },
    en: {
      title: 'Referral about to expire',
      body:
        'Your referral {{referralNumber}} is valid until {{date validUntil}} ({{daysLeft}} days left).' +
        ' Please use it before it expires.',
    },
  },
  sample: { ...referral, validUntil: '2027-02-20', daysLeft: 7 },
});

export const referralFeedback = defineTemplate<
  ReferralVars & { diagnosis: string; treatmentSummary: string; followUp: string }
>({
  name: 'referral-feedback',
  version: 1,
  critical: false,
  audience: 'staff',
  texts: {
    id: {
      title: 'Umpan balik rujukan {{referralNumber}}',
      body:
        'Umpan balik rujukan {{referralNumber}} dari {{destinationFacilityCode}} (poli {{poliCode}}):' +
        ' diagnosis {{diagnosis}}. Tindakan: {{treatmentSummary}}. Tindak lanjut: {{followUp}}.',
    },
    en: {
      title: 'Referral feedback {{referralNumber}}',
      body:
        'Feedback on referral {{referralNumber}} from {{destinationFacilityCode}} (clinic {{poliCode}}):' +
        ' diagnosis {{diagnosis}}. Treatment: {{treatmentSummary}}. Follow-up: {{followUp}}.',
    },
  },
  sample: {
    ...referral,
    diagnosis: 'J18.9 Pneumonia',
    treatmentSummary: 'antibiotik 7 hari',
    followUp: 'kontrol di FKTP',
  },
});

export const referralNew = defineTemplate<
  ReferralVars & {
    plannedVisitDate: string;
    diagnosisCode: string;
    diagnosisName: string;
    referringDoctor: string;
  }
>({
  name: 'referral-new',
  version: 1,
  critical: false,
  audience: 'staff',
  texts: {
    id: {
      title: 'Rujukan baru {{referralNumber}}',
      body:
        'Rujukan baru {{referralNumber}} dari {{originFacilityCode}} ke poli {{poliCode}},' +
        ' diagnosis {{diagnosisCode}} {{diagnosisName}}, rencana kunjungan {{date plannedVisitDate}},' +
        ' dokter perujuk {{referringDoctor}}. Mohon diterima atau ditolak.',
    },
    en: {
      title: 'New referral {{referralNumber}}',
      body:
        'New referral {{referralNumber}} from {{originFacilityCode}} to clinic {{poliCode}},' +
        ' diagnosis {{diagnosisCode}} {{diagnosisName}}, planned visit {{date plannedVisitDate}},' +
        ' referring doctor {{referringDoctor}}. Please accept or decline it.',
    },
  },
  sample: {
    ...referral,
    plannedVisitDate: '2026-11-26',
    diagnosisCode: 'J18.9',
    diagnosisName: 'Pneumonia',
    referringDoctor: 'dr. Budi',
  },
});
