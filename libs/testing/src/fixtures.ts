/** Patients for tests: valid-looking NIK (16 digits, Brebes region 3329) and JKN card numbers. */
export function nikFor(i: number): string {
  return `3329${String(i).padStart(12, '0')}`;
}

export function cardNumberFor(i: number): string {
  return `0001${String(i).padStart(9, '0')}`;
}

/** Demo facilities used by tests (the same Brebes data `npm start` loads). */
export const HOSPITAL = { code: '3329R001', poli: 'ANA', poliName: 'Anak', prefix: 'ANA' } as const;
export const SECOND_HOSPITAL = {
  code: '3329R002',
  poli: 'INT',
  poliName: 'Penyakit Dalam',
  prefix: 'INT',
} as const;
export const PUSKESMAS = { code: '33290101', poli: 'UMU', poliName: 'Umum', prefix: 'A' } as const;
