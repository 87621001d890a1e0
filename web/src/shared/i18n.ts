/**
 * What patients and staff read: Bahasa Indonesia first, English second. The language comes from
 * `?lang=en|id`, then the last choice saved on this device, then Indonesian.
 */
export type Lang = 'id' | 'en';

const MESSAGES = {
  id: {
    appName: 'Antrean & Rujukan',
    connecting: 'Menyambungkan…',
    live: 'Langsung',
    reconnecting: 'Koneksi terputus, menyambung ulang…',
    loading: 'Memuat…',
    ticketTitle: 'Tiket antrean Anda',
    ticketNotFound: 'Tiket tidak ditemukan. Periksa kode booking Anda.',
    bookingCode: 'Kode booking',
    poli: 'Poli',
    serviceDate: 'Tanggal periksa',
    ahead: 'Antrean di depan Anda',
    nowCalled: 'Nomor yang sedang dipanggil',
    estimatedCall: 'Perkiraan dipanggil',
    estimatedWait: 'Perkiraan menunggu',
    minutes: '{n} menit',
    none: '—',
    youAreCalled: 'Nomor Anda dipanggil! Silakan menuju {counter}.',
    status_waiting: 'Menunggu',
    status_booked: 'Terdaftar, belum check-in',
    status_called: 'Dipanggil',
    status_serving: 'Sedang dilayani',
    status_done: 'Selesai',
    status_cancelled: 'Dibatalkan',
    status_no_show: 'Tidak hadir',
    status_expired: 'Kedaluwarsa',
    displayTitle: 'Antrean {facility}',
    displayNowCalled: 'Sedang dipanggil',
    displayNext: 'Berikutnya',
    displayEmpty: 'Belum ada panggilan',
    counter: 'Loket',
    enableSound: 'Aktifkan suara',
    soundOn: 'Suara aktif',
    station_admisi: 'Pendaftaran',
    station_poli: 'Poli',
    station_farmasi: 'Farmasi',
    pagesTitle: 'Halaman',
    pageTicket: 'Tiket antrean saya',
    pageDisplay: 'Layar ruang tunggu',
    facilityCode: 'Kode faskes',
    open: 'Buka',
    // booking
    pageBook: 'Ambil nomor antrean',
    facility: 'Fasilitas kesehatan',
    chooseFacility: 'Pilih faskes',
    choosePoli: 'Pilih poli',
    visitDate: 'Tanggal periksa',
    session: 'Jadwal dokter',
    noSessions: 'Tidak ada jadwal praktik pada tanggal ini.',
    quotaLeft: 'sisa kuota {n}',
    doctorAbsent: 'dokter berhalangan',
    patientType: 'Jenis pasien',
    jkn: 'JKN (BPJS Kesehatan)',
    nonJkn: 'Umum / asuransi lain',
    cardNumber: 'Nomor kartu JKN (13 digit)',
    nik: 'NIK (16 digit)',
    phone: 'Nomor HP untuk pemberitahuan',
    newPatient: 'Saya pasien baru di faskes ini',
    submitBooking: 'Ambil nomor',
    booking: 'Memproses…',
    cancel: 'Batalkan tiket',
    cancelReason: 'Alasan pembatalan',
    cancelConfirm: 'Ya, batalkan',
    cancelled: 'Tiket dibatalkan.',
    checkIn: 'Check-in',
    checkInHint: 'Sesampai di faskes, pindai kode QR di pintu masuk untuk check-in.',
    checkInTitle: 'Check-in di {facility}',
    checkInNone:
      'Tidak ada tiket hari ini di faskes ini pada perangkat ini. Masukkan kode booking Anda.',
    checkedIn: 'Check-in berhasil.',
    posterTitle: 'Pindai untuk check-in',
    posterHint: 'Buka kamera ponsel Anda dan arahkan ke kode ini.',
    // kiosk
    kioskTitle: 'Ambil nomor antrean',
    kioskChoosePoli: 'Sentuh poli tujuan Anda',
    kioskEnterId: 'Masukkan NIK (16 digit) atau nomor kartu JKN (13 digit)',
    kioskDelete: 'Hapus',
    kioskClear: 'Ulang',
    kioskOk: 'Ambil nomor',
    kioskBack: 'Kembali',
    kioskYourNumber: 'Nomor antrean Anda',
    kioskPrint: 'Cetak tiket',
    kioskDone: 'Selesai',
    kioskScanToFollow: 'Pindai untuk memantau antrean',
    // desk
    deskTitle: '{counter} — {facility}',
    deskChooseCounter: 'Pilih loket',
    deskAtCounter: 'Di loket',
    deskNobody: 'Belum ada pasien dipanggil.',
    deskWaiting: 'Menunggu ({n})',
    deskEmpty: 'Tidak ada yang menunggu.',
    deskCallNext: 'Panggil berikutnya',
    deskRecall: 'Panggil ulang',
    deskNoShow: 'Tidak hadir',
    deskNoShowReturn: 'Tidak hadir, kembalikan ke antrean',
    deskStart: 'Mulai layani',
    deskFinish: 'Selesai',
    deskFinishTo: 'Selesai, lanjut ke {station}',
    deskTransfer: 'Pindahkan',
    deskShortcuts: 'Pintasan: N panggil, R ulang, S mulai, F selesai, X tidak hadir',
    deskBookOnBehalf: 'Daftarkan pasien',
    deskPriority: 'Prioritas',
    deskPriorityNone: 'Tidak',
    deskPriorityReason: 'Alasan prioritas',
    priority_lansia: 'Lansia',
    priority_disabilitas: 'Disabilitas',
    priority_hamil: 'Ibu hamil',
    priority_darurat: 'Darurat',
    deskBooked: 'Terdaftar: {number}',
    priorityBadge: 'prioritas',
  },
  en: {
    appName: 'Queues & Referrals',
    connecting: 'Connecting…',
    live: 'Live',
    reconnecting: 'Connection lost, reconnecting…',
    loading: 'Loading…',
    ticketTitle: 'Your queue ticket',
    ticketNotFound: 'Ticket not found. Check your booking code.',
    bookingCode: 'Booking code',
    poli: 'Clinic',
    serviceDate: 'Visit date',
    ahead: 'People ahead of you',
    nowCalled: 'Now calling',
    estimatedCall: 'Estimated call',
    estimatedWait: 'Estimated wait',
    minutes: '{n} min',
    none: '—',
    youAreCalled: 'Your number is called! Please go to {counter}.',
    status_waiting: 'Waiting',
    status_booked: 'Booked, not checked in',
    status_called: 'Called',
    status_serving: 'Being served',
    status_done: 'Done',
    status_cancelled: 'Cancelled',
    status_no_show: 'No-show',
    status_expired: 'Expired',
    displayTitle: 'Queue at {facility}',
    displayNowCalled: 'Now calling',
    displayNext: 'Next',
    displayEmpty: 'No calls yet',
    counter: 'Counter',
    enableSound: 'Turn sound on',
    soundOn: 'Sound on',
    station_admisi: 'Registration',
    station_poli: 'Clinic',
    station_farmasi: 'Pharmacy',
    pagesTitle: 'Pages',
    pageTicket: 'My queue ticket',
    pageDisplay: 'Waiting-room display',
    facilityCode: 'Facility code',
    open: 'Open',
    // booking
    pageBook: 'Take a queue number',
    facility: 'Health facility',
    chooseFacility: 'Choose a facility',
    choosePoli: 'Choose a clinic',
    visitDate: 'Visit date',
    session: 'Doctor session',
    noSessions: 'No practice sessions on this date.',
    quotaLeft: '{n} places left',
    doctorAbsent: 'doctor absent',
    patientType: 'Patient type',
    jkn: 'JKN (BPJS Kesehatan)',
    nonJkn: 'Self-pay / other insurance',
    cardNumber: 'JKN card number (13 digits)',
    nik: 'National ID number, NIK (16 digits)',
    phone: 'Mobile number for notifications',
    newPatient: 'I am a new patient at this facility',
    submitBooking: 'Take a number',
    booking: 'Working…',
    cancel: 'Cancel ticket',
    cancelReason: 'Reason for cancelling',
    cancelConfirm: 'Yes, cancel',
    cancelled: 'Ticket cancelled.',
    checkIn: 'Check in',
    checkInHint: 'When you arrive, scan the QR code at the entrance to check in.',
    checkInTitle: 'Check in at {facility}',
    checkInNone: 'No ticket for today at this facility on this device. Enter your booking code.',
    checkedIn: 'Checked in.',
    posterTitle: 'Scan to check in',
    posterHint: 'Open your phone camera and point it at this code.',
    // kiosk
    kioskTitle: 'Take a queue number',
    kioskChoosePoli: 'Touch the clinic you are visiting',
    kioskEnterId: 'Enter your NIK (16 digits) or JKN card number (13 digits)',
    kioskDelete: 'Delete',
    kioskClear: 'Clear',
    kioskOk: 'Take number',
    kioskBack: 'Back',
    kioskYourNumber: 'Your queue number',
    kioskPrint: 'Print ticket',
    kioskDone: 'Done',
    kioskScanToFollow: 'Scan to follow the queue',
    // desk
    deskTitle: '{counter} — {facility}',
    deskChooseCounter: 'Choose a counter',
    deskAtCounter: 'At the counter',
    deskNobody: 'Nobody called yet.',
    deskWaiting: 'Waiting ({n})',
    deskEmpty: 'Nobody waiting.',
    deskCallNext: 'Call next',
    deskRecall: 'Recall',
    deskNoShow: 'No-show',
    deskNoShowReturn: 'No-show, back to the queue',
    deskStart: 'Start service',
    deskFinish: 'Finish',
    deskFinishTo: 'Finish, on to {station}',
    deskTransfer: 'Transfer',
    deskShortcuts: 'Shortcuts: N call, R recall, S start, F finish, X no-show',
    deskBookOnBehalf: 'Register a patient',
    deskPriority: 'Priority',
    deskPriorityNone: 'No',
    deskPriorityReason: 'Reason for priority',
    priority_lansia: 'Elderly',
    priority_disabilitas: 'Disability',
    priority_hamil: 'Pregnant',
    priority_darurat: 'Emergency',
    deskBooked: 'Registered: {number}',
    priorityBadge: 'priority',
  },
} as const;

export type MessageKey = keyof (typeof MESSAGES)['id'];
/** English must say everything Indonesian says: a missing key fails the type check. */
export const ENGLISH_IS_COMPLETE: Record<MessageKey, string> = MESSAGES.en;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;
const STORAGE_KEY = 'antrean.lang';

export function currentLang(): Lang {
  const fromUrl = new URLSearchParams(location.search).get('lang');
  if (fromUrl === 'en' || fromUrl === 'id') {
    localStorage.setItem(STORAGE_KEY, fromUrl);
    return fromUrl;
  }
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
}

export function translator(
  lang: Lang,
): (key: MessageKey, vars?: Record<string, string | number>) => string {
  return (key, vars) =>
    MESSAGES[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? ''));
}

/** A status from the API as words, falling back to the raw value for one we do not know yet. */
export function statusLabel(t: Translate, status: string): string {
  const key = `status_${status}` as MessageKey;
  return key in MESSAGES.id ? t(key) : status;
}

export function stationLabel(t: Translate, station: string): string {
  const key = `station_${station}` as MessageKey;
  return key in MESSAGES.id ? t(key) : station;
}

export function formatTime(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Jakarta',
  }).format(new Date(iso));
}
