/** Patients for tests: valid-looking NIK (16 digits, Brebes region 3329) and JKN card numbers. */
export function nikFor(i: number): string {
  return `3329${String(i).padStart(12, '0')}`;
}

export function cardNumberFor(i: number): string {
  return `0001${String(i).padStart(9, '0')}`;
}

export function phoneFor(i: number): string {
  return `0812${String(i).padStart(8, '0')}`;
}

const ALL_DAY_EVERY_DAY = (quotaJkn: number, quotaNonJkn: number) =>
  [1, 2, 3, 4, 5, 6, 7, 8].map((day) => ({
    day,
    start: '00:00',
    end: '23:59',
    quotaJkn,
    quotaNonJkn,
  }));

/**
 * A test hospital whose sessions run all day every day (and on holidays), so tests behave the same
 * whenever they run. Shaped as queue-service's facility admin API expects it (PUT /v1/facilities/:code).
 */
export const TEST_HOSPITAL_CODE = '9901R001';
export const TEST_HOSPITAL = {
  name: 'RS Uji Coba Antrean',
  type: 'FKRTL',
  district: 'Brebes',
  address: 'Jl. Uji No. 1, Brebes',
  latitude: -6.87,
  longitude: 109.04,
  polis: [
    { code: 'ANA', name: 'Anak', prefix: 'ANA', subspecialties: [] },
    { code: 'INT', name: 'Penyakit Dalam', prefix: 'INT', subspecialties: [] },
    { code: 'OBG', name: 'Obstetri & Ginekologi', prefix: 'OBG', subspecialties: [] },
    { code: 'SAR', name: 'Saraf', prefix: 'SAR', subspecialties: [] },
  ],
  doctors: [
    {
      code: '900001',
      name: 'dr. Uji Anak, Sp.A',
      poliCode: 'ANA',
      schedules: ALL_DAY_EVERY_DAY(500, 500),
    },
    {
      code: '900002',
      name: 'dr. Uji Dalam, Sp.PD',
      poliCode: 'INT',
      schedules: ALL_DAY_EVERY_DAY(1000, 1000),
    },
    {
      code: '900003',
      name: 'dr. Uji Kandungan, Sp.OG',
      poliCode: 'OBG',
      schedules: ALL_DAY_EVERY_DAY(600, 0),
    },
    {
      code: '900004',
      name: 'dr. Uji Saraf, Sp.N',
      poliCode: 'SAR',
      schedules: ALL_DAY_EVERY_DAY(100, 100),
    },
  ],
  counters: [
    { code: 'A1', name: 'Loket 1', station: 'admisi', poliCodes: [] },
    { code: 'A2', name: 'Loket 2', station: 'admisi', poliCodes: [] },
    { code: 'ANA-1', name: 'Poli Anak ruang 1', station: 'poli', poliCodes: ['ANA'] },
    { code: 'ANA-2', name: 'Poli Anak ruang 2', station: 'poli', poliCodes: ['ANA'] },
    { code: 'INT-1', name: 'Poli Penyakit Dalam ruang 1', station: 'poli', poliCodes: ['INT'] },
    { code: 'SAR-1', name: 'Poli Saraf ruang 1', station: 'poli', poliCodes: ['SAR'] },
    { code: 'F1', name: 'Farmasi', station: 'farmasi', poliCodes: [] },
  ],
};

export const HOSPITAL = {
  code: TEST_HOSPITAL_CODE,
  poli: 'ANA',
  poliName: 'Anak',
  prefix: 'ANA',
} as const;
