import type { FacilityRequest } from '../upsert-facility/facility.request';

/**
 * Demo master data for Kabupaten Brebes (Jawa Tengah), where the project's first reports come from:
 * 131 FKTP and 14 hospitals serve 2,092,147 JKN members there. Names are of real kinds of facility
 * in the regency; codes, coordinates, doctors and schedules are illustrative (3329 is Brebes' BPS
 * regency code), not BPJS's registry. `district` is the kabupaten the district health office
 * oversees (all six here, so its dashboard shows them together); the kecamatan is in the address.
 */
export type DemoFacility = FacilityRequest & { code: string };

const weekdays = (start: string, end: string, quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6].map((day) => ({ day, start, end, quotaJkn, quotaNonJkn }));

/** Two admisi counters, a room per poli and the pharmacy window. */
const countersFor = (polis: Array<{ code: string; name: string }>): FacilityRequest['counters'] => [
  { code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] },
  { code: 'A2', name: 'Loket 2', station: 'admisi', poliCodes: [] },
  ...polis.map((p) => ({
    code: `${p.code}-1`,
    name: `Poli ${p.name} ruang 1`,
    station: 'poli' as const,
    poliCodes: [p.code],
  })),
  { code: 'F1', name: 'Farmasi', station: 'farmasi', poliCodes: [] },
];

const withCounters = (f: Omit<DemoFacility, 'counters'>): DemoFacility => ({
  ...f,
  counters: countersFor(f.polis),
});

const FACILITIES: Array<Omit<DemoFacility, 'counters'>> = [
  {
    code: '3329R001',
    name: 'RSUD Brebes',
    type: 'FKRTL',
    district: 'Brebes',
    address: 'Jl. Jend. A. Yani No. 9, Brebes',
    latitude: -6.8722,
    longitude: 109.0436,
    polis: [
      { code: 'ANA', name: 'Anak', prefix: 'ANA', subspecialties: [] },
      { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] },
      { code: 'OBG', name: 'Obstetri & Ginekologi', prefix: 'OBG', subspecialties: [] },
      { code: 'BED', name: 'Bedah', prefix: 'BED', subspecialties: [] },
      { code: 'SAR', name: 'Saraf', prefix: 'SAR', subspecialties: [] },
    ],
    doctors: [
      {
        code: '301001',
        name: 'dr. Ratna Wulandari, Sp.A',
        poliCode: 'ANA',
        schedules: weekdays('08:00', '12:00', 30, 10),
      },
      {
        code: '301002',
        name: 'dr. Bambang Sutrisno, Sp.PD',
        poliCode: 'INT',
        schedules: weekdays('08:00', '13:00', 40, 10),
      },
      {
        code: '301003',
        name: 'dr. Siti Aminah, Sp.OG',
        poliCode: 'OBG',
        schedules: weekdays('09:00', '13:00', 25, 10),
      },
      {
        code: '301004',
        name: 'dr. Hendra Gunawan, Sp.B',
        poliCode: 'BED',
        schedules: weekdays('10:00', '14:00', 20, 5),
      },
      {
        code: '301005',
        name: 'dr. Dewi Lestari, Sp.N',
        poliCode: 'SAR',
        schedules: weekdays('13:00', '16:00', 20, 5),
      },
    ],
  },
  {
    code: '3329R002',
    name: 'RSUD Bumiayu',
    type: 'FKRTL',
    district: 'Brebes',
    address: 'Jl. Kyai Dewa No. 7, Bumiayu',
    latitude: -7.2489,
    longitude: 109.0006,
    polis: [
      { code: 'ANA', name: 'Anak', prefix: 'ANA', subspecialties: [] },
      { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] },
      { code: 'OBG', name: 'Obstetri & Ginekologi', prefix: 'OBG', subspecialties: [] },
    ],
    doctors: [
      {
        code: '302001',
        name: 'dr. Agus Salim, Sp.A',
        poliCode: 'ANA',
        schedules: weekdays('08:00', '12:00', 25, 5),
      },
      {
        code: '302002',
        name: 'dr. Yuni Kartika, Sp.PD',
        poliCode: 'INT',
        schedules: weekdays('08:00', '12:00', 30, 10),
      },
      {
        code: '302003',
        name: 'dr. Fajar Nugroho, Sp.OG',
        poliCode: 'OBG',
        schedules: weekdays('13:00', '16:00', 20, 5),
      },
    ],
  },
  {
    code: '3329R003',
    name: 'RS Mitra Siaga Tegal Brebes',
    type: 'FKRTL',
    district: 'Brebes',
    address: 'Jl. Raya Jatibarang, Brebes',
    latitude: -6.9613,
    longitude: 109.0492,
    polis: [
      { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] },
      { code: 'BED', name: 'Bedah', prefix: 'BED', subspecialties: [] },
    ],
    doctors: [
      {
        code: '303001',
        name: 'dr. Lukman Hakim, Sp.PD',
        poliCode: 'INT',
        schedules: weekdays('08:00', '12:00', 30, 10),
      },
      {
        code: '303002',
        name: 'dr. Rina Marlina, Sp.B',
        poliCode: 'BED',
        schedules: weekdays('09:00', '12:00', 15, 5),
      },
    ],
  },
  {
    code: '33290101',
    name: 'Puskesmas Brebes',
    type: 'FKTP',
    district: 'Brebes',
    address: 'Jl. Kolonel Sugiono, Brebes',
    latitude: -6.8705,
    longitude: 109.0389,
    polis: [
      { code: 'UMU', name: 'Umum', prefix: 'A', subspecialties: [] },
      { code: 'GIG', name: 'Gigi', prefix: 'B', subspecialties: [] },
      { code: 'KIA', name: 'KIA / KB', prefix: 'C', subspecialties: [] },
    ],
    doctors: [
      {
        code: '330101',
        name: 'dr. Nurul Hidayah',
        poliCode: 'UMU',
        schedules: weekdays('07:30', '12:00', 60, 20),
      },
      {
        code: '330102',
        name: 'drg. Taufik Rahman',
        poliCode: 'GIG',
        schedules: weekdays('08:00', '12:00', 20, 5),
      },
      {
        code: '330103',
        name: 'Bidan Sri Rahayu, A.Md.Keb',
        poliCode: 'KIA',
        schedules: weekdays('08:00', '12:00', 30, 10),
      },
    ],
  },
  {
    code: '33290201',
    name: 'Puskesmas Wanasari',
    type: 'FKTP',
    district: 'Brebes',
    address: 'Jl. Raya Wanasari, Brebes',
    latitude: -6.8944,
    longitude: 108.9958,
    polis: [
      { code: 'UMU', name: 'Umum', prefix: 'A', subspecialties: [] },
      { code: 'KIA', name: 'KIA / KB', prefix: 'C', subspecialties: [] },
    ],
    doctors: [
      {
        code: '330201',
        name: 'dr. Eko Prasetyo',
        poliCode: 'UMU',
        schedules: weekdays('07:30', '12:00', 50, 10),
      },
      {
        code: '330202',
        name: 'Bidan Wahyuni, A.Md.Keb',
        poliCode: 'KIA',
        schedules: weekdays('08:00', '12:00', 25, 5),
      },
    ],
  },
  {
    code: '33290301',
    name: 'Puskesmas Jatibarang',
    type: 'FKTP',
    district: 'Brebes',
    address: 'Jl. Raya Jatibarang No. 1, Brebes',
    latitude: -6.9601,
    longitude: 109.0455,
    polis: [{ code: 'UMU', name: 'Umum', prefix: 'A', subspecialties: [] }],
    doctors: [
      {
        code: '330301',
        name: 'dr. Andi Saputra',
        poliCode: 'UMU',
        schedules: weekdays('07:30', '12:00', 50, 10),
      },
    ],
  },
];

export const BREBES_FACILITIES: DemoFacility[] = FACILITIES.map(withCounters);
