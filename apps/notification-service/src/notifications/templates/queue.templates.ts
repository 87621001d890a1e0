import { defineTemplate } from './template';

const ticket = {
  displayNumber: 'ANA-007',
  bookingCode: '261124K7P2QX',
  poliName: 'Anak',
  serviceDate: '2026-11-24',
  link: 'https://antrean.example.id/tiket/261124K7P2QX',
};
type TicketVars = typeof ticket;

export const ticketBooked = defineTemplate<TicketVars & { estimatedServiceAt: string | null }>({
  name: 'ticket-booked',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Nomor antrean {{displayNumber}}',
      body:
        'Nomor antrean Anda {{displayNumber}} di Poli {{poliName}} pada {{date serviceDate}}.' +
        '{{#if estimatedServiceAt}} Perkiraan dilayani pukul {{time estimatedServiceAt}}.{{/if}}' +
        ' Kode booking {{bookingCode}}. Pantau antrean secara langsung: {{link}}',
    },
    en: {
      title: 'Queue number {{displayNumber}}',
      body:
        'Your queue number is {{displayNumber}} at {{poliName}} on {{date serviceDate}}.' +
        '{{#if estimatedServiceAt}} Estimated service time {{time estimatedServiceAt}}.{{/if}}' +
        ' Booking code {{bookingCode}}. Follow the queue live: {{link}}',
    },
  },
  sample: { ...ticket, estimatedServiceAt: '2026-11-24T02:30:00.000Z' },
});

export const reminderDayBefore = defineTemplate<TicketVars & { sessionStart: string | null }>({
  name: 'reminder-day-before',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Pengingat: besok jadwal berobat Anda',
      body:
        'Pengingat: besok, {{date serviceDate}}, Anda terdaftar di Poli {{poliName}} dengan nomor' +
        ' antrean {{displayNumber}}.{{#if sessionStart}} Sesi dimulai pukul {{sessionStart}}.{{/if}}' +
        ' Bawa kartu JKN/KTP Anda. Pantau antrean: {{link}}',
    },
    en: {
      title: 'Reminder: your appointment is tomorrow',
      body:
        'Reminder: tomorrow, {{date serviceDate}}, you are booked at {{poliName}} with queue number' +
        ' {{displayNumber}}.{{#if sessionStart}} The session starts at {{sessionStart}}.{{/if}}' +
        ' Bring your JKN card or ID. Follow the queue: {{link}}',
    },
  },
  sample: { ...ticket, sessionStart: '08:00' },
});

export const reminderBeforeSession = defineTemplate<TicketVars & { at: string }>({
  name: 'reminder-before-session',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Pengingat: antrean {{displayNumber}} hari ini',
      body:
        'Pengingat: antrean {{displayNumber}} di Poli {{poliName}} diperkirakan dilayani pukul' +
        ' {{time at}}. Mohon datang tepat waktu. Pantau antrean: {{link}}',
    },
    en: {
      title: 'Reminder: queue {{displayNumber}} today',
      body:
        'Reminder: queue {{displayNumber}} at {{poliName}} is expected to be served at {{time at}}.' +
        ' Please arrive on time. Follow the queue: {{link}}',
    },
  },
  sample: { ...ticket, at: '2026-11-24T02:30:00.000Z' },
});

export const checkinOpen = defineTemplate<TicketVars>({
  name: 'checkin-open',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Check-in sudah dibuka',
      body:
        'Check-in untuk antrean {{displayNumber}} di Poli {{poliName}} sudah dibuka. Silakan' +
        ' check-in di anjungan atau loket dengan kode booking {{bookingCode}}.',
    },
    en: {
      title: 'Check-in is open',
      body:
        'Check-in for queue {{displayNumber}} at {{poliName}} is open. Please check in at the kiosk' +
        ' or the desk with booking code {{bookingCode}}.',
    },
  },
  sample: ticket,
});

export const ticketApproaching = defineTemplate<TicketVars & { ahead: number; station: string }>({
  name: 'ticket-approaching',
  version: 1,
  critical: true,
  audience: 'patient',
  texts: {
    id: {
      title: '{{#if ahead}}{{ahead}} antrean lagi{{else}}Giliran Anda berikutnya{{/if}}',
      body:
        '{{#if ahead}}{{ahead}} antrean lagi sebelum Anda.{{else}}Anda antrean berikutnya.{{/if}}' +
        ' Nomor {{displayNumber}} di {{station station}}. Mohon bersiap di dekat ruang tunggu.',
    },
    en: {
      title: '{{#if ahead}}{{ahead}} more before you{{else}}You are next{{/if}}',
      body:
        '{{#if ahead}}{{ahead}} more patients before you.{{else}}You are next.{{/if}}' +
        ' Number {{displayNumber}} at {{station station}}. Please stay near the waiting room.',
    },
  },
  sample: { ...ticket, ahead: 3, station: 'poli' },
});

export const ticketCalled = defineTemplate<
  TicketVars & { counterName: string; callCount: number; recall: boolean }
>({
  name: 'ticket-called',
  version: 1,
  critical: true,
  audience: 'patient',
  texts: {
    id: {
      title: 'Nomor {{displayNumber}} dipanggil',
      body:
        'Nomor {{displayNumber}} silakan ke {{counterName}}.' +
        '{{#if recall}} Ini panggilan ke-{{callCount}}.{{/if}}',
    },
    en: {
      title: 'Number {{displayNumber}} is called',
      body:
        'Number {{displayNumber}}, please go to {{counterName}}.' +
        '{{#if recall}} This is call number {{callCount}}.{{/if}}',
    },
  },
  sample: { ...ticket, counterName: 'Poli Anak ruang 2', callCount: 1, recall: false },
});

export const ticketTransferred = defineTemplate<
  TicketVars & { toStation: string; toPoliCode: string | null }
>({
  name: 'ticket-transferred',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Silakan lanjut ke {{station toStation}}',
      body:
        'Nomor {{displayNumber}}: silakan lanjut ke {{station toStation}}' +
        '{{#if toPoliCode}} {{toPoliCode}}{{/if}} dan tunggu panggilan berikutnya. Pantau antrean: {{link}}',
    },
    en: {
      title: 'Please continue to {{station toStation}}',
      body:
        'Number {{displayNumber}}: please continue to {{station toStation}}' +
        '{{#if toPoliCode}} {{toPoliCode}}{{/if}} and wait to be called. Follow the queue: {{link}}',
    },
  },
  sample: { ...ticket, toStation: 'farmasi', toPoliCode: null },
});

export const ticketCancelled = defineTemplate<TicketVars & { reason: string }>({
  name: 'ticket-cancelled',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Antrean {{displayNumber}} dibatalkan',
      body:
        'Antrean {{displayNumber}} di Poli {{poliName}} pada {{date serviceDate}} dibatalkan.' +
        ' Alasan: {{reason}}.',
    },
    en: {
      title: 'Queue {{displayNumber}} cancelled',
      body:
        'Queue {{displayNumber}} at {{poliName}} on {{date serviceDate}} was cancelled.' +
        ' Reason: {{reason}}.',
    },
  },
  sample: { ...ticket, reason: 'dibatalkan pasien' },
});

export const ticketExpired = defineTemplate<TicketVars>({
  name: 'ticket-expired',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Antrean {{displayNumber}} kedaluwarsa',
      body:
        'Antrean {{displayNumber}} di Poli {{poliName}} pada {{date serviceDate}} kedaluwarsa' +
        ' karena belum check-in atau belum dilayani. Silakan ambil antrean baru bila masih perlu berobat.',
    },
    en: {
      title: 'Queue {{displayNumber}} expired',
      body:
        'Queue {{displayNumber}} at {{poliName}} on {{date serviceDate}} expired because it was not' +
        ' checked in or served. Please take a new number if you still need care.',
    },
  },
  sample: ticket,
});

export const doctorAbsent = defineTemplate<TicketVars & { doctorName: string; reason: string }>({
  name: 'doctor-absent',
  version: 1,
  critical: false,
  audience: 'patient',
  texts: {
    id: {
      title: 'Jadwal dokter berubah',
      body:
        'Mohon maaf, {{doctorName}} di Poli {{poliName}} tidak praktik pada {{date serviceDate}}' +
        ' ({{reason}}). Antrean {{displayNumber}} Anda tidak dapat dilayani pada sesi ini;' +
        ' silakan pilih jadwal lain atau hubungi loket.',
    },
    en: {
      title: 'Doctor schedule changed',
      body:
        'We are sorry: {{doctorName}} at {{poliName}} is not available on {{date serviceDate}}' +
        ' ({{reason}}). Your queue {{displayNumber}} cannot be served in this session;' +
        ' please choose another schedule or contact the desk.',
    },
  },
  sample: { ...ticket, doctorName: 'dr. Sari, Sp.A', reason: 'cuti sakit' },
});
