import { judgeAnswer, retryDelayMs } from './antrol-sender';

describe('AntrolSender decisions', () => {
  it('counts "already there" answers as sent', () => {
    expect(judgeAnswer('add', { code: 208, message: 'Terdapat duplikasi Kode Booking' }).kind).toBe(
      'sent',
    );
    expect(judgeAnswer('updatewaktu', { code: 201, message: 'TaskId=4 sudah ada' }).kind).toBe(
      'sent',
    );
  });

  it('back-fills when BPJS wants the earlier call first', () => {
    expect(
      judgeAnswer('updatewaktu', { code: 201, message: 'TaskId sebelumnya belum terkirim' }).kind,
    ).toBe('backfill');
    expect(
      judgeAnswer('updatewaktu', { code: 201, message: 'Kode Booking tidak ditemukan' }).kind,
    ).toBe('backfill');
  });

  it('keeps calls refused for credential trouble, gives up on real refusals', () => {
    expect(judgeAnswer('add', { code: 201, message: 'Signature tidak valid' }).kind).toBe('retry');
    expect(judgeAnswer('add', { code: 201, message: 'kodepoli tidak valid' }).kind).toBe('failed');
  });

  it('backs off exponentially with jitter, capped', () => {
    for (let n = 1; n <= 40; n++) {
      const d = retryDelayMs(n, 100, 10_000);
      const ceiling = Math.min(10_000, 100 * 2 ** (n - 1));
      expect(d).toBeGreaterThanOrEqual(ceiling / 2);
      expect(d).toBeLessThanOrEqual(ceiling);
    }
  });
});
