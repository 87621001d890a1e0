import { join } from 'node:path';
import { todayIn } from '../../apps/queue-service/src/tickets/service-date';
import {
  cardNumberFor,
  DEMO_INTERNAL_API_TOKEN,
  nikFor,
  phoneFor,
  QueueClient,
  REPO_ROOT,
  serviceFetch,
  ServiceProcess,
  TEST_HOSPITAL,
  testStack,
} from '@app/testing';

const ports = {
  'queue-service': 5150,
  gateway: 5151,
  'referral-service': 5152,
  'notification-service': 5153,
};
const F = '9951R001';
const OTHER = '9951R002';
const USER = 'mjkn-9951r001';
const PASSWORD = 'rahasia-wsrs-9951';
const TZ = 'Asia/Jakarta';
const allDay = (quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));
/** The test hospital with Poli Anak's JKN quota cut to 2, to reach "quota full". */
const FACILITY = {
  ...TEST_HOSPITAL,
  doctors: TEST_HOSPITAL.doctors.map((d) =>
    d.poliCode === 'ANA' ? { ...d, schedules: allDay(2, 500) } : d,
  ),
};
const JAM = '00:00-23:59';
const today = () => todayIn(TZ);
const plusDays = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

type Meta = { code: number; message: string };
type Wsrs<T = Record<string, unknown>> = { status: number; body: { response?: T; metadata: Meta } };

/** Patients as Mobile JKN knows them. */
const patient = (i: number) => ({
  nomorkartu: cardNumberFor(i),
  nik: nikFor(i),
  nohp: phoneFor(i),
});
const A = patient(995101);
const B = patient(995102);
const C = patient(995103);
const HTTP_PATIENT = patient(995109);

const pasienBaruBody = (p: { nomorkartu: string; nik: string; nohp: string }) => ({
  ...p,
  nomorkk: '3329010101000001',
  nama: 'Siti Aminah',
  jeniskelamin: 'P',
  tanggallahir: '1985-03-12',
  alamat: 'Jl. Diponegoro No. 12, Brebes',
  kodeprop: '33',
  namaprop: 'Jawa Tengah',
  kodedati2: '3329',
  namadati2: 'Kab. Brebes',
  kodekec: '332901',
  namakec: 'Brebes',
  kodekel: '3329011001',
  namakel: 'Pasarbatang',
  rw: '002',
  rt: '004',
});

const AMBIL_KEYS = [
  'angkaantrean',
  'estimasidilayani',
  'keterangan',
  'kodebooking',
  'kuotajkn',
  'kuotanonjkn',
  'namadokter',
  'namapoli',
  'nomorantrean',
  'norm',
  'sisakuotajkn',
  'sisakuotanonjkn',
];

/**
 * Issue #8 part 1: the WS RS contract Mobile JKN relies on, endpoint by endpoint, with BPJS's
 * field names and metadata codes, and every refusal a patient can meet.
 */
describe('WS RS (Mobile JKN → hospital) contract', () => {
  const settings = testStack(ports);
  const queue = new ServiceProcess(
    'queue-service',
    settings,
    join(REPO_ROOT, '.infra/test-logs/wsrs-queue.log'),
    { CHECKIN_OPENS_MINUTES: '1440', CHECKIN_LATE_MINUTES: '1440', EXPIRY_SWEEP_SECONDS: '0' },
  );
  const api = new QueueClient(queue.url);
  let token = '';
  /** Patient A's WS RS booking (ANA-002 tomorrow). */
  let bookingA = '';

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
  async function getToken(
    username: string,
    password: string,
    f = F,
  ): Promise<Wsrs<{ token: string }>> {
    return (await http('GET', `/wsrs/${f}/token`, undefined, {
      'x-username': username,
      'x-password': password,
    })) as unknown as Wsrs<{ token: string }>;
  }
  async function wsrs<T = Record<string, unknown>>(
    name: string,
    body: unknown,
    auth: { token?: string; username?: string; f?: string } = {},
  ): Promise<Wsrs<T>> {
    return (await http('POST', `/wsrs/${auth.f ?? F}/${name}`, body, {
      ...(auth.token === '' ? {} : { 'x-token': auth.token ?? token }),
      'x-username': auth.username ?? USER,
    })) as unknown as Wsrs<T>;
  }
  const ambilBody = (
    p: { nomorkartu: string; nik: string; nohp: string },
    over: Record<string, unknown> = {},
  ) => ({
    ...p,
    kodepoli: 'ANA',
    norm: '',
    tanggalperiksa: plusDays(1),
    kodedokter: 900001,
    jampraktek: JAM,
    jeniskunjungan: 1,
    nomorreferensi: '0001R0011126B000123',
    ...over,
  });
  const expectRefused = (r: Wsrs, message: RegExp | string) => {
    expect(r.status).toBe(200);
    expect(r.body.metadata.code).toBe(201);
    expect(r.body.metadata.message).toEqual(
      typeof message === 'string' ? message : expect.stringMatching(message),
    );
    expect(r.body.response).toBeUndefined();
  };

  beforeAll(async () => {
    await queue.start().waitReady();
    await api.putFacility(F, FACILITY);
    await api.putFacility(OTHER, TEST_HOSPITAL);
  });
  afterAll(async () => {
    await queue.stop();
  });

  it('sets credentials and mappings through the admin API (validated, facility must exist)', async () => {
    expect(
      (
        await http('PUT', `/v1/facilities/9951R099/wsrs-credentials`, {
          username: USER,
          password: PASSWORD,
        })
      ).body,
    ).toMatchObject({ error: { code: 'QUEUE.FACILITY_NOT_FOUND' } });
    expect(
      (
        await http('PUT', `/v1/facilities/${F}/wsrs-credentials`, {
          username: USER,
          password: 'short',
        })
      ).status,
    ).toBe(400);
    const set = await http('PUT', `/v1/facilities/${F}/wsrs-credentials`, {
      username: USER,
      password: PASSWORD,
    });
    expect(set).toEqual({
      status: 200,
      body: { facilityCode: F, username: USER, updatedAt: expect.any(String) },
    });
    const mappings = {
      poli: [{ bpjsCode: 'IPD', localCode: 'INT' }],
      dokter: [{ bpjsCode: '12345', localCode: '900002' }],
    };
    expect(await http('PUT', `/v1/facilities/${F}/wsrs-mappings`, mappings)).toEqual({
      status: 200,
      body: mappings,
    });
    expect((await http('GET', `/v1/facilities/${F}/wsrs-mappings`)).body).toEqual(mappings);
  });

  it('token: wrong password or username → 201; right ones → 200 with a token', async () => {
    expectRefused(await getToken(USER, 'salah-password'), 'Username atau Password Tidak Sesuai');
    expectRefused(await getToken('orang-lain', PASSWORD), 'Username atau Password Tidak Sesuai');
    expectRefused(await getToken(USER, PASSWORD, OTHER), 'Username atau Password Tidak Sesuai');
    const ok = await getToken(USER, PASSWORD);
    expect(ok).toEqual({
      status: 200,
      body: { response: { token: expect.any(String) }, metadata: { code: 200, message: 'Ok' } },
    });
    token = ok.body.response!.token;
  });

  it('refuses a missing, forged or foreign token, and a wrong x-username', async () => {
    const body = {
      kodepoli: 'ANA',
      kodedokter: 900001,
      tanggalperiksa: plusDays(1),
      jampraktek: JAM,
    };
    expectRefused(await wsrs('statusantrean', body, { token: '' }), 'Token Tidak Ditemukan');
    expectRefused(await wsrs('statusantrean', body, { token: 'abc.def' }), 'Token Tidak Sesuai');
    expectRefused(await wsrs('statusantrean', body, { token: `${token}x` }), 'Token Tidak Sesuai');
    expectRefused(await wsrs('statusantrean', body, { f: OTHER }), 'Token Tidak Sesuai');
    expectRefused(
      await wsrs('statusantrean', body, { username: 'orang-lain' }),
      'Username Tidak Sesuai',
    );
  });

  it('ambilantrean refuses a bad card number, a bad NIK, a bad date and a past date', async () => {
    expectRefused(
      await wsrs('ambilantrean', ambilBody({ ...A, nomorkartu: '000123456789' })),
      'Format Nomor Kartu Tidak Sesuai',
    );
    expectRefused(
      await wsrs('ambilantrean', ambilBody({ ...A, nik: '33290101' })),
      'Format NIK Tidak Sesuai',
    );
    expectRefused(
      await wsrs('ambilantrean', ambilBody(A, { tanggalperiksa: '12-01-2026' })),
      'Format Tanggal Tidak Sesuai, format yang benar adalah yyyy-mm-dd',
    );
    expectRefused(
      await wsrs('ambilantrean', ambilBody(A, { tanggalperiksa: plusDays(-1) })),
      `Tanggal periksa ${plusDays(-1)} sudah lewat.`,
    );
  });

  it('a new patient gets 202, registers with pasienbaru, then books the same ticket as any channel', async () => {
    const unknown = await wsrs('ambilantrean', ambilBody(A));
    expect(unknown).toEqual({
      status: 200,
      body: {
        metadata: {
          code: 202,
          message: 'Data pasien ini tidak ditemukan, silahkan Melakukan Registrasi Pasien Baru',
        },
      },
    });
    expectRefused(
      await wsrs('pasienbaru', { ...pasienBaruBody(A), jeniskelamin: 'X' }),
      'Jenis Kelamin Tidak Sesuai (L/P)',
    );
    const baru = await wsrs<{ norm: string }>('pasienbaru', pasienBaruBody(A));
    expect(baru).toEqual({
      status: 200,
      body: {
        response: { norm: expect.stringMatching(/^\d{8}$/) },
        metadata: {
          code: 200,
          message: 'Harap datang ke admisi untuk melengkapi data rekam medis',
        },
      },
    });
    expectRefused(
      await wsrs('pasienbaru', pasienBaruBody(A)),
      'Data Peserta Sudah Pernah Dientrikan',
    );
    const norm = baru.body.response!.norm;

    // An HTTP booking first: the WS RS one takes the next number of the same poli and quota.
    const first = await api.book(F, {
      poliCode: 'ANA',
      doctorCode: '900001',
      serviceDate: plusDays(1),
      patient: { cardNumber: HTTP_PATIENT.nomorkartu, phone: HTTP_PATIENT.nohp },
    });
    expect(first.status).toBe(201);
    expect(first.body.displayNumber).toBe('ANA-001');

    const before = Date.now();
    const booked = await wsrs('ambilantrean', ambilBody(A, { norm }));
    expect(booked.status).toBe(200);
    expect(booked.body.metadata).toEqual({ code: 200, message: 'Ok' });
    const r = booked.body.response!;
    expect(Object.keys(r).sort()).toEqual(AMBIL_KEYS);
    expect(r).toEqual({
      nomorantrean: 'ANA-002',
      angkaantrean: 2,
      kodebooking: expect.stringMatching(/^[0-9A-Z]{12}$/),
      norm,
      namapoli: 'Anak',
      namadokter: 'dr. Uji Anak, Sp.A',
      estimasidilayani: expect.any(Number),
      sisakuotajkn: 0,
      kuotajkn: 2,
      sisakuotanonjkn: 500,
      kuotanonjkn: 500,
      keterangan: expect.any(String),
    });
    expect(r.estimasidilayani as number).toBeGreaterThanOrEqual(before);
    bookingA = String(r.kodebooking);

    const ticket = await api.get<Record<string, unknown>>(`/v1/tickets/${String(r.kodebooking)}`);
    expect(ticket.body).toMatchObject({
      bookingCode: r.kodebooking,
      facilityCode: F,
      poliCode: 'ANA',
      serviceDate: plusDays(1),
      queueNumber: 2,
      displayNumber: 'ANA-002',
      status: 'booked',
      source: 'mobile-jkn',
      doctorCode: '900001',
      practiceHours: JAM,
      patientType: 'JKN',
      visitType: 1,
      referenceNumber: '0001R0011126B000123',
    });

    // Mobile JKN's identifiers are kept (encrypted) with the ticket, norm included, for Antrol.
    const identity = await serviceFetch(
      `${api.baseUrl}/internal/v1/tickets/${bookingA}/patient-identity?purpose=wsrs-contract`,
      { headers: { authorization: `Bearer ${DEMO_INTERNAL_API_TOKEN}`, 'x-caller': 'e2e' } },
    );
    expect(identity.status).toBe(200);
    expect(await identity.json()).toEqual({
      bookingCode: bookingA,
      patientType: 'JKN',
      nik: A.nik,
      nomorkartu: A.nomorkartu,
      nohp: A.nohp,
      norm,
    });
  });

  it('ambilantrean refuses a duplicate booking, a wrong norm and a full quota with the reason', async () => {
    expectRefused(
      await wsrs('ambilantrean', ambilBody(A, { nomorreferensi: '0001R0011126B000124' })),
      /^Pasien sudah memiliki antrean ANA-002 di poli ini/,
    );
    expectRefused(
      await wsrs('ambilantrean', ambilBody(A, { norm: '99999999' })),
      'Nomor rekam medis 99999999 tidak sesuai dengan data pasien.',
    );
    expect((await wsrs('pasienbaru', pasienBaruBody(B))).body.metadata.code).toBe(200);
    expectRefused(
      await wsrs('ambilantrean', ambilBody(B, { nomorreferensi: '0001R0011126B000125' })),
      `Kuota JKN untuk jadwal ${JAM} pada ${plusDays(1)} sudah habis.`,
    );
  });

  it('statusantrean answers a session (BPJS codes mapped to the facility’s own)', async () => {
    const s = await wsrs('statusantrean', {
      kodepoli: 'ANA',
      kodedokter: 900001,
      tanggalperiksa: plusDays(1),
      jampraktek: JAM,
    });
    expect(s).toEqual({
      status: 200,
      body: {
        response: {
          namapoli: 'Anak',
          namadokter: 'dr. Uji Anak, Sp.A',
          totalantrean: 2,
          sisaantrean: 2,
          antreanpanggil: '-',
          sisakuotajkn: 0,
          kuotajkn: 2,
          sisakuotanonjkn: 500,
          kuotanonjkn: 500,
          keterangan: '',
        },
        metadata: { code: 200, message: 'Ok' },
      },
    });
    const mapped = await wsrs('statusantrean', {
      kodepoli: 'IPD',
      kodedokter: 12345,
      tanggalperiksa: today(),
      jampraktek: JAM,
    });
    expect(mapped.body.response).toMatchObject({
      namapoli: 'Penyakit Dalam',
      namadokter: 'dr. Uji Dalam, Sp.PD',
      totalantrean: 0,
      kuotajkn: 1000,
    });
    expectRefused(
      await wsrs('statusantrean', {
        kodepoli: 'ANA',
        kodedokter: 900002,
        tanggalperiksa: today(),
        jampraktek: JAM,
      }),
      /^Dokter 900002 tidak praktik di poli ANA/,
    );
    expectRefused(
      await wsrs('statusantrean', {
        kodepoli: 'ANA',
        kodedokter: 900001,
        tanggalperiksa: today(),
        jampraktek: '8-12',
      }),
      'Format Jam Praktek Tidak Sesuai, mis. 08:00-12:00',
    );
  });

  it('today: book through a mapped code, sisaantrean, check-in, farmasi; no cancel after check-in', async () => {
    const booked = await wsrs(
      'ambilantrean',
      ambilBody(B, {
        kodepoli: 'IPD',
        kodedokter: 12345,
        tanggalperiksa: today(),
        jeniskunjungan: 2,
        nomorreferensi: '',
      }),
    );
    expect(booked.body.metadata).toEqual({ code: 200, message: 'Ok' });
    expect(booked.body.response).toMatchObject({
      nomorantrean: 'INT-001',
      angkaantrean: 1,
      namapoli: 'Penyakit Dalam',
      sisakuotajkn: 999,
    });
    const kodebooking = String(booked.body.response!.kodebooking);

    const sisa = await wsrs('sisaantrean', { kodebooking });
    expect(sisa).toEqual({
      status: 200,
      body: {
        response: {
          nomorantrean: 'INT-001',
          namapoli: 'Penyakit Dalam',
          namadokter: 'dr. Uji Dalam, Sp.PD',
          sisaantrean: 0,
          antreanpanggil: '-',
          waktutunggu: expect.any(Number),
          keterangan: '',
        },
        metadata: { code: 200, message: 'Ok' },
      },
    });
    expectRefused(
      await wsrs('sisaantrean', { kodebooking: 'ZZZZZZZZZZZZ' }),
      'Antrean Tidak Ditemukan',
    );
    expectRefused(
      await wsrs('sisaantrean', { kodebooking: 'bad code' }),
      'Kode Booking Tidak Sesuai',
    );

    expectRefused(await wsrs('ambilantreanfarmasi', { kodebooking }), 'Pasien belum check-in');
    expectRefused(
      await wsrs('checkinantrean', { kodebooking }),
      'Waktu Belum Diisi atau Formatnya Tidak Sesuai',
    );
    expect(await wsrs('checkinantrean', { kodebooking, waktu: Date.now() })).toEqual({
      status: 200,
      body: { metadata: { code: 200, message: 'Ok' } },
    });
    expect((await api.get<{ status: string }>(`/v1/tickets/${kodebooking}`)).body.status).toBe(
      'waiting',
    );
    expectRefused(
      await wsrs('checkinantrean', { kodebooking, waktu: Date.now() }),
      /^Tiket INT-001 sudah/,
    );
    expectRefused(
      await wsrs('batalantrean', { kodebooking, keterangan: 'Batal' }),
      'Antrean yang sudah check-in tidak bisa dibatalkan. Silakan hubungi petugas.',
    );

    const farmasi = await wsrs('ambilantreanfarmasi', { kodebooking });
    expect(farmasi).toEqual({
      status: 200,
      body: {
        response: { jenisresep: 'Non racikan', nomorantrean: 1, keterangan: expect.any(String) },
        metadata: { code: 200, message: 'Ok' },
      },
    });
    expect((await wsrs('ambilantreanfarmasi', { kodebooking })).body.response).toMatchObject({
      nomorantrean: 1,
    });
    expect(await wsrs('statusantreanfarmasi', { kodebooking })).toEqual({
      status: 200,
      body: {
        response: {
          jenisresep: 'Non racikan',
          totalantrean: 1,
          sisaantrean: 0,
          antreanpanggil: 0,
          keterangan: '',
        },
        metadata: { code: 200, message: 'Ok' },
      },
    });
  });

  it('batalantrean cancels before check-in and gives the JKN quota place back', async () => {
    const status = () =>
      wsrs('statusantrean', {
        kodepoli: 'ANA',
        kodedokter: 900001,
        tanggalperiksa: plusDays(1),
        jampraktek: JAM,
      });
    expect((await status()).body.response).toMatchObject({ sisakuotajkn: 0, totalantrean: 2 });
    expectRefused(
      await wsrs('batalantrean', { kodebooking: 'ZZZZZZZZZZZZ', keterangan: 'x' }),
      'Antrean Tidak Ditemukan',
    );
    expect(
      await wsrs('batalantrean', { kodebooking: bookingA, keterangan: 'Pasien berhalangan hadir' }),
    ).toEqual({ status: 200, body: { metadata: { code: 200, message: 'Ok' } } });
    expect((await api.get<{ status: string }>(`/v1/tickets/${bookingA}`)).body.status).toBe(
      'cancelled',
    );
    expect((await status()).body.response).toMatchObject({
      sisakuotajkn: 1,
      totalantrean: 1,
      sisaantrean: 1,
    });
    expectRefused(await wsrs('sisaantrean', { kodebooking: bookingA }), 'Antrean Sudah Dibatalkan');
    expectRefused(
      await wsrs('batalantrean', { kodebooking: bookingA, keterangan: 'lagi' }),
      /^Tiket ANA-002 sudah dibatalkan/,
    );
    // A booking code of another facility is not found here.
    const other = await api.book(OTHER, {
      poliCode: 'ANA',
      serviceDate: plusDays(1),
      patient: { cardNumber: C.nomorkartu, phone: C.nohp },
    });
    expectRefused(
      await wsrs('sisaantrean', { kodebooking: other.body.bookingCode }),
      'Antrean Tidak Ditemukan',
    );
  });

  it('jadwaloperasirs and jadwaloperasipasien answer the schedule kept through the admin API', async () => {
    const list = [
      {
        kodebooking: 'OP-9951-0001',
        tanggaloperasi: plusDays(2),
        jenistindakan: 'Operasi katarak (fakoemulsifikasi)',
        kodepoli: 'MAT',
        namapoli: 'Mata',
        terlaksana: false,
        nopeserta: A.nomorkartu,
      },
      {
        kodebooking: 'OP-9951-0002',
        tanggaloperasi: plusDays(1),
        jenistindakan: 'Apendektomi',
        kodepoli: 'BED',
        namapoli: 'Bedah',
        terlaksana: true,
        nopeserta: A.nomorkartu,
      },
      {
        kodebooking: 'OP-9951-0003',
        tanggaloperasi: plusDays(10),
        jenistindakan: 'Herniorafi',
        kodepoli: 'BED',
        namapoli: 'Bedah',
        nopeserta: '',
      },
    ];
    expect(
      (
        await http('PUT', `/v1/facilities/${F}/operating-schedules`, {
          list: [{ kodebooking: 'x' }],
        })
      ).status,
    ).toBe(400);
    expect(await http('PUT', `/v1/facilities/${F}/operating-schedules`, { list })).toEqual({
      status: 200,
      body: { saved: 3 },
    });
    const admin = await http('GET', `/v1/facilities/${F}/operating-schedules?from=${plusDays(1)}`);
    expect((admin.body.list as unknown[]).length).toBe(3);

    const rs = await wsrs<{ list: Array<Record<string, unknown>> }>('jadwaloperasirs', {
      tanggalawal: today(),
      tanggalakhir: plusDays(7),
    });
    expect(rs.body.metadata).toEqual({ code: 200, message: 'Ok' });
    expect(rs.body.response!.list).toEqual([
      {
        kodebooking: 'OP-9951-0002',
        tanggaloperasi: plusDays(1),
        jenistindakan: 'Apendektomi',
        kodepoli: 'BED',
        namapoli: 'Bedah',
        terlaksana: 1,
        nopeserta: A.nomorkartu,
        lastupdate: expect.any(Number),
      },
      {
        kodebooking: 'OP-9951-0001',
        tanggaloperasi: plusDays(2),
        jenistindakan: 'Operasi katarak (fakoemulsifikasi)',
        kodepoli: 'MAT',
        namapoli: 'Mata',
        terlaksana: 0,
        nopeserta: A.nomorkartu,
        lastupdate: expect.any(Number),
      },
    ]);
    expectRefused(
      await wsrs('jadwaloperasirs', { tanggalawal: plusDays(7), tanggalakhir: today() }),
      'Tanggal Akhir Tidak Boleh Lebih Kecil dari Tanggal Awal',
    );
    const pasien = await wsrs('jadwaloperasipasien', { nopeserta: A.nomorkartu });
    expect(pasien.body).toEqual({
      response: {
        list: [
          {
            kodebooking: 'OP-9951-0001',
            tanggaloperasi: plusDays(2),
            jenistindakan: 'Operasi katarak (fakoemulsifikasi)',
            kodepoli: 'MAT',
            namapoli: 'Mata',
            terlaksana: 0,
          },
        ],
      },
      metadata: { code: 200, message: 'Ok' },
    });
    expectRefused(
      await wsrs('jadwaloperasipasien', { nopeserta: '123' }),
      'Format Nomor Kartu Tidak Sesuai',
    );
  });

  it('a new password revokes the tokens issued before it', async () => {
    await http('PUT', `/v1/facilities/${F}/wsrs-credentials`, {
      username: USER,
      password: `${PASSWORD}-baru`,
    });
    expectRefused(await wsrs('sisaantrean', { kodebooking: bookingA }), 'Token Expired');
    expectRefused(await getToken(USER, PASSWORD), 'Username atau Password Tidak Sesuai');
    const fresh = await getToken(USER, `${PASSWORD}-baru`);
    expect(fresh.body.metadata.code).toBe(200);
    token = fresh.body.response!.token;
    expect((await wsrs('jadwaloperasipasien', { nopeserta: B.nomorkartu })).body).toEqual({
      response: { list: [] },
      metadata: { code: 200, message: 'Ok' },
    });
  });
});
