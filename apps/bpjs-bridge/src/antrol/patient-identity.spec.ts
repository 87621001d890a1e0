import type { AntreanAddRequest } from '@app/bpjs';
import { bpjsPhone, withIdentity } from './patient-identity';

const add = (jenispasien: AntreanAddRequest['jenispasien']): AntreanAddRequest => ({
  kodebooking: 'B1',
  jenispasien,
  kodepoli: 'ANA',
  namapoli: 'Anak',
  pasienbaru: 0,
  tanggalperiksa: '2026-11-23',
  nomorantrean: 'A-001',
  angkaantrean: 1,
  estimasidilayani: 1,
});
const ids = {
  nik: '3329010101900001',
  nomorkartu: '0001234567890',
  nohp: '+6281234567890',
  norm: '00000007',
};

describe('antrean/add identifiers', () => {
  it('sends a JKN patient with card, NIK, phone from 08… and norm', () => {
    expect(withIdentity(add('JKN'), ids)).toMatchObject({
      nomorkartu: '0001234567890',
      nik: '3329010101900001',
      nohp: '081234567890',
      norm: '00000007',
    });
  });

  it('sends nomorkartu empty for NON JKN, and empty strings for what is unknown', () => {
    expect(withIdentity(add('NON JKN'), ids)).toMatchObject({ nomorkartu: '', nik: ids.nik });
    expect(withIdentity(add('JKN'), null)).toMatchObject({
      nomorkartu: '',
      nik: '',
      nohp: '',
      norm: '',
    });
    expect(withIdentity(add('JKN'), { ...ids, nik: null, norm: null })).toMatchObject({
      nik: '',
      norm: '',
    });
  });

  it('writes phones as BPJS does', () => {
    expect(bpjsPhone('6281234567890')).toBe('081234567890');
    expect(bpjsPhone('081234567890')).toBe('081234567890');
  });
});
