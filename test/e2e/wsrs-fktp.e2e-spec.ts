import { join } from 'node:path';
import { QueueDb } from '../../apps/queue-service/src/database/queue-db';
import { todayIn } from '../../apps/queue-service/src/tickets/service-date';
import {
  cardNumberFor,
  nikFor,
  phoneFor,
  QueueClient,
  REPO_ROOT,
  ServiceProcess,
  serviceFetch,
  testStack,
} from '@app/testing';

const ports = {
  'queue-service': 5160,
  gateway: 5161,
  'referral-service': 5162,
  'notification-service': 5163,
};
const F = '9951P001';
const USER = 'mjkn-9951p001';
const PASSWORD = 'rahasia-fktp-9951';
const TZ = 'Asia/Jakarta';
const JAM = '00:00-23:59';
const allDay = (quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));
/** A puskesmas: BPJS FKTP poli codes are numeric (001 Umum), mapped to the facility's own. */
const PUSKESMAS = {
  name: 'Puskesmas Uji Coba',
  type: 'FKTP',
  district: 'Brebes',
  address: 'Jl. Uji No. 2, Brebes',
  latitude: -6.87,
  longitude: 109.04,
  polis: [
    { code: 'UMU', name: 'Umum', prefix: 'UMU', subspecialties: [] },
    { code: 'GIG', name: 'Gigi', prefix: 'GIG', subspecialties: [] },
  ],
  doctors: [
    { code: '900101', name: 'dr. Uji Umum', poliCode: 'UMU', schedules: allDay(50, 50) },
    { code: '900102', name: 'drg. Uji Gigi', poliCode: 'GIG', schedules: allDay(20, 20) },
  ],
  counters: [
    { code: 'A1', name: 'Loket Pendaftaran', station: 'admisi', poliCodes: [] },
    { code: 'UMU-1', name: 'Poli Umum', station: 'poli', poliCodes: ['UMU'] },
  ],
};
const today = () => todayIn(TZ);
const plusDays = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const patient = (i: number) => ({
  nomorkartu: cardNumberFor(i),
  nik: nikFor(i),
  nohp: phoneFor(i),
});
const P = patient(995201);
const Q = patient(995202);

type Wsrs<T = Record<string, unknown>> = {
  status: number;
  body: { response?: T; metadata: { code: number; message: string } };
};

/** Issue #8 part 3: the same Mobile JKN calls for a puskesmas (BPJS's Antrean FKTP catalogue). */
describe('WS FKTP (Mobile JKN → puskesmas) contract', () => {
  const settings = testStack(ports);
  const queue = new ServiceProcess(
    'queue-service',
    settings,
    join(REPO_ROOT, '.infra/test-logs/wsrs-fktp-queue.log'),
    { CHECKIN_OPENS_MINUTES: '1440', CHECKIN_LATE_MINUTES: '1440', EXPIRY_SWEEP_SECONDS: '0' },
  );
  const api = new QueueClient(queue.url);
  const db = new QueueDb(settings.databaseUrls.queue);
  let token = '';

  async function http(method: string, path: string, body?: unknown, headers = {}) {
    const res = await serviceFetch(`${queue.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const ws = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<Wsrs<T>> =>
    (await http(method, `/wsfktp/${F}/${path}`, body, {
      'x-token': token,
      'x-username': USER,
    })) as unknown as Wsrs<T>;
  const refused = (r: Wsrs, message: string | RegExp) => {
    expect(r.status).toBe(200);
    expect(r.body.metadata).toEqual({
      code: 201,
      message: typeof message === 'string' ? message : expect.stringMatching(message),
    });
  };
  const ambil = (p: typeof P, date = plusDays(1)) => ({
    ...p,
    kodepoli: '001',
    namapoli: 'UMUM',
    norm: '',
    tanggalperiksa: date,
    keluhan: 'demam dan batuk 3 hari',
    kodedokter: 501,
    namadokter: 'dr. Uji Umum',
    jampraktek: JAM,
  });
  const peserta = (p: typeof P) => ({
    nomorkartu: p.nomorkartu,
    nik: p.nik,
    nomorkk: '3329010101000002',
    nama: 'Budi Santoso',
    jeniskelamin: 'L',
    tanggallahir: '1990-07-01',
    alamat: 'Desa Kaligangsa RT 01 RW 02',
    kodeprop: '33',
    namaprop: 'Jawa Tengah',
    kodedati2: '3329',
    namadati2: 'Kab. Brebes',
    kodekec: '332901',
    namakec: 'Brebes',
    kodekel: '3329012005',
    namakel: 'Kaligangsa',
    rw: '02',
    rt: '01',
  });

  beforeAll(async () => {
    await queue.start().waitReady();
    await api.putFacility(F, PUSKESMAS);
    await http('PUT', `/v1/facilities/${F}/wsrs-credentials`, {
      username: USER,
      password: PASSWORD,
    });
    await http('PUT', `/v1/facilities/${F}/wsrs-mappings`, {
      poli: [
        { bpjsCode: '001', localCode: 'UMU' },
        { bpjsCode: '002', localCode: 'GIG' },
      ],
      dokter: [{ bpjsCode: '501', localCode: '900101' }],
    });
  });
  afterAll(async () => {
    await Promise.all([queue.stop(), db.$disconnect()]);
  });

  it('auth: wrong password → 201; right → token', async () => {
    const auth = (password: string) =>
      http('GET', `/wsfktp/${F}/auth`, undefined, { 'x-username': USER, 'x-password': password });
    refused((await auth('salah')) as unknown as Wsrs, 'Username atau Password Tidak Sesuai');
    const ok = (await auth(PASSWORD)) as unknown as Wsrs<{ token: string }>;
    expect(ok.body).toEqual({
      response: { token: expect.any(String) },
      metadata: { code: 200, message: 'Ok' },
    });
    token = ok.body.response!.token;
    refused(
      (await http('GET', `/wsfktp/${F}/antrean/status/001/${plusDays(1)}`, undefined, {
        'x-token': 'palsu',
        'x-username': USER,
      })) as unknown as Wsrs,
      'Token Tidak Sesuai',
    );
  });

  it('antrean/status lists each session of the poli with BPJS doctor codes', async () => {
    expect(await ws('GET', `antrean/status/001/${plusDays(1)}`)).toEqual({
      status: 200,
      body: {
        response: [
          {
            namapoli: 'Umum',
            totalantrean: 0,
            sisaantrean: 0,
            antreanpanggil: '-',
            keterangan: '',
            kodedokter: 501,
            namadokter: 'dr. Uji Umum',
            jampraktek: JAM,
          },
        ],
        metadata: { code: 200, message: 'Ok' },
      },
    });
    refused(
      await ws('GET', `antrean/status/001/01-12-2026`),
      'Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd',
    );
    refused(await ws('GET', `antrean/status/009/${plusDays(1)}`), /^Poli 009/);
  });

  it('antrean: 202 for a new patient, peserta registers, then the booking; duplicate refused', async () => {
    expect((await ws('POST', 'antrean', ambil(P))).body.metadata.code).toBe(202);
    refused(
      await ws('POST', 'antrean', { ...ambil(P), nomorkartu: '12345' }),
      'Format Nomor Kartu Tidak Sesuai',
    );
    const reg = await ws<{ norm: string }>('POST', 'peserta', peserta(P));
    expect(reg.body).toEqual({
      response: { norm: expect.stringMatching(/^\d{8}$/) },
      metadata: { code: 200, message: 'Ok' },
    });
    refused(await ws('POST', 'peserta', peserta(P)), 'Data Peserta Sudah Pernah Dientrikan');
    const booked = await ws('POST', 'antrean', ambil(P));
    expect(booked).toEqual({
      status: 200,
      body: {
        response: {
          nomorantrean: 'UMU-001',
          angkaantrean: 1,
          namapoli: 'Umum',
          sisaantrean: 0,
          antreanpanggil: '-',
          keterangan: expect.any(String),
        },
        metadata: { code: 200, message: 'Ok' },
      },
    });
    refused(await ws('POST', 'antrean', ambil(P)), /^Pasien sudah memiliki antrean UMU-001/);
    refused(
      await ws('POST', 'antrean', ambil(P, plusDays(-1))),
      `Tanggal periksa ${plusDays(-1)} sudah lewat.`,
    );
  });

  it('sisapeserta and batal find the ticket by card, poli and date', async () => {
    const path = `antrean/sisapeserta/${P.nomorkartu}/001/${plusDays(1)}`;
    expect(await ws('GET', path)).toEqual({
      status: 200,
      body: {
        response: {
          nomorantrean: 'UMU-001',
          namapoli: 'Umum',
          sisaantrean: 0,
          antreanpanggil: '-',
          keterangan: '',
        },
        metadata: { code: 200, message: 'Ok' },
      },
    });
    refused(
      await ws('GET', `antrean/sisapeserta/${Q.nomorkartu}/001/${plusDays(1)}`),
      'Antrean Tidak Ditemukan',
    );
    const batal = {
      tanggalperiksa: plusDays(1),
      kodepoli: '001',
      nomorkartu: P.nomorkartu,
      alasan: 'Sudah sembuh',
    };
    refused(await ws('PUT', 'antrean/batal', { ...batal, alasan: '' }), 'Alasan Belum Diisi');
    expect(await ws('PUT', 'antrean/batal', batal)).toEqual({
      status: 200,
      body: { metadata: { code: 200, message: 'Ok' } },
    });
    refused(await ws('GET', path), 'Antrean Tidak Ditemukan');
    refused(await ws('PUT', 'antrean/batal', batal), 'Antrean Tidak Ditemukan');
    // The number is not reused: the next booking of the poli that day is UMU-002.
    expect((await ws('POST', 'antrean', ambil(P))).body.response).toMatchObject({
      nomorantrean: 'UMU-002',
    });
  });

  it('called at the desk: hadir (served) stays visible, tidak hadir (no-show) ends the antrean', async () => {
    expect((await ws('POST', 'peserta', peserta(Q))).body.metadata.code).toBe(200);
    const codes: string[] = [];
    for (const p of [P, Q]) {
      const r = await ws<{ nomorantrean: string }>('POST', 'antrean', ambil(p, today()));
      expect(r.body.metadata.code).toBe(200);
      const t = await db.ticket.findFirstOrThrow({
        where: {
          facilityCode: F,
          displayNumber: r.body.response!.nomorantrean,
          serviceDate: new Date(`${today()}T00:00:00Z`),
        },
      });
      expect(t.source).toBe('mobile-jkn');
      codes.push(t.bookingCode);
      expect((await api.ticketOp(t.bookingCode, 'check-in')).status).toBe(200);
    }
    const sisa = (p: typeof P) => ws('GET', `antrean/sisapeserta/${p.nomorkartu}/001/${today()}`);
    // P has visited before (earlier tickets): straight to the poli line. Q is new: admisi first.
    expect((await sisa(P)).body.response).toMatchObject({ sisaantrean: 0, antreanpanggil: '-' });

    const pTicket = await api.counterOp(F, 'UMU-1', 'call-next');
    expect(pTicket.body.bookingCode).toBe(codes[0]);
    expect((await api.counterOp(F, 'UMU-1', 'start')).status).toBe(200); // hadir
    expect((await sisa(P)).body).toEqual({
      response: {
        nomorantrean: pTicket.body.displayNumber,
        namapoli: 'Umum',
        sisaantrean: 0,
        antreanpanggil: pTicket.body.displayNumber,
        keterangan: '',
      },
      metadata: { code: 200, message: 'Ok' },
    });

    expect((await api.counterOp(F, 'A1', 'call-next')).body.bookingCode).toBe(codes[1]);
    expect((await api.counterOp(F, 'A1', 'no-show')).status).toBe(200); // tidak hadir
    refused(await sisa(Q), 'Antrean Tidak Ditemukan');
    refused(
      await ws('PUT', 'antrean/batal', {
        tanggalperiksa: today(),
        kodepoli: '001',
        nomorkartu: P.nomorkartu,
        alasan: 'Batal setelah dilayani',
      }),
      'Antrean yang sudah check-in tidak bisa dibatalkan. Silakan hubungi petugas.',
    );
  });
});
