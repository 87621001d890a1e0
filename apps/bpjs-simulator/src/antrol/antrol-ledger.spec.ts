import type { AntreanAddRequest } from '@app/bpjs';
import { AntrolLedger } from './antrol-ledger';

const booking = (kodebooking: string): AntreanAddRequest => ({
  kodebooking,
  jenispasien: 'JKN',
  nomorkartu: '0001234567890',
  nik: '3329010101900001',
  nohp: '081234567890',
  norm: '00000001',
  kodepoli: 'ANA',
  namapoli: 'Anak',
  pasienbaru: 0,
  tanggalperiksa: '2026-11-23',
  nomorantrean: 'ANA-001',
  angkaantrean: 1,
  estimasidilayani: 1_700_000_000_000,
});

describe('AntrolLedger (the simulated BPJS rules)', () => {
  const C = 'cons';
  let ledger: AntrolLedger;
  beforeEach(() => (ledger = new AntrolLedger()));

  it('answers 208 on a duplicate booking code, per cons-id', () => {
    expect(ledger.add(C, booking('B1'), 1).code).toBe(200);
    expect(ledger.add(C, booking('B1'), 2)).toEqual({
      code: 208,
      message: 'Terdapat duplikasi Kode Booking',
    });
    expect(ledger.add('other', booking('B1'), 3).code).toBe(200);
  });

  it('takes tasks in order and refuses repeats, gaps and times going back', () => {
    ledger.add(C, booking('B1'), 1);
    const up = (taskid: number, waktu: number) =>
      ledger.updateWaktu(C, { kodebooking: 'B1', taskid: taskid, waktu }, 0);
    expect(up(4, 1000)).toEqual({ code: 201, message: 'TaskId sebelumnya belum terkirim' });
    expect(up(3, 1000).code).toBe(200);
    expect(up(3, 1001)).toEqual({ code: 201, message: 'TaskId=3 sudah ada' });
    expect(up(4, 1000).code).toBe(201); // not later than task 3
    expect(up(4, 1001).code).toBe(200);
    expect(up(6, 1002)).toEqual({ code: 201, message: 'TaskId sebelumnya belum terkirim' });
    expect(up(5, 1002).code).toBe(200);
    expect(ledger.received({ kodebooking: 'B1' }).bookings[0].tasks.map((t) => t.taskid)).toEqual([
      3, 4, 5,
    ]);
  });

  it('asks for task 2 before 3 once task 1 was sent (new patient)', () => {
    ledger.add(C, booking('B2'), 1);
    const up = (taskid: number, waktu: number) =>
      ledger.updateWaktu(C, { kodebooking: 'B2', taskid: taskid, waktu }, 0);
    expect(up(1, 10).code).toBe(200);
    expect(up(3, 20).message).toBe('TaskId sebelumnya belum terkirim');
    expect(up(2, 20).code).toBe(200);
    expect(up(3, 30).code).toBe(200);
  });

  it('refuses tasks of an unknown booking and a second cancellation', () => {
    expect(ledger.updateWaktu(C, { kodebooking: 'X', taskid: 3, waktu: 1 }, 0).code).toBe(201);
    ledger.add(C, booking('B3'), 1);
    expect(ledger.batal(C, { kodebooking: 'B3', keterangan: 'batal' }, 2).code).toBe(200);
    expect(ledger.batal(C, { kodebooking: 'B3', keterangan: 'batal' }, 3).code).toBe(201);
    expect(ledger.updateWaktu(C, { kodebooking: 'B3', taskid: 3, waktu: 5 }, 0).code).toBe(201);
    expect(ledger.updateWaktu(C, { kodebooking: 'B3', taskid: 99, waktu: 5 }, 0).code).toBe(200);
  });

  it('checks the patient identifiers as BPJS does, JKN and NON JKN', () => {
    const add = (over: Partial<AntreanAddRequest>, code: string) =>
      ledger.add(C, { ...booking(code), ...over }, 1).message;
    expect(add({ nomorkartu: '' }, 'I1')).toBe('Nomor Kartu Belum Diisi');
    expect(add({ nomorkartu: '123' }, 'I2')).toBe('Format Nomor Kartu Tidak Sesuai');
    expect(add({ nik: '12345' }, 'I3')).toBe('Format NIK Tidak Sesuai');
    expect(add({ nik: '' }, 'I4')).toBe('Ok.');
    expect(add({ nohp: '+6281234567890' }, 'I5')).toBe('Format No HP Tidak Sesuai');
    expect(add({ jenispasien: 'NON JKN' }, 'I6')).toBe(
      'Nomor Kartu harus dikosongkan untuk pasien NON JKN',
    );
    expect(add({ jenispasien: 'NON JKN', nomorkartu: '', nik: '' }, 'I7')).toBe('NIK Belum Diisi');
    expect(add({ jenispasien: 'NON JKN', nomorkartu: '' }, 'I8')).toBe('Ok.');
    expect(ledger.received({ nik: '3329010101900001' }).bookings.map((b) => b.kodebooking)).toEqual(
      ['I8'],
    );
    expect(ledger.received({ kodebooking: 'I1' }).bookings).toEqual([]);
  });
});
