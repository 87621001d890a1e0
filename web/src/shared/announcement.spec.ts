import { announcementText, englishWords, indonesianWords, spokenNumber } from './announcement';

describe('waiting-room announcements', () => {
  it.each([
    [0, 'nol'],
    [7, 'tujuh'],
    [10, 'sepuluh'],
    [11, 'sebelas'],
    [15, 'lima belas'],
    [20, 'dua puluh'],
    [23, 'dua puluh tiga'],
    [100, 'seratus'],
    [101, 'seratus satu'],
    [119, 'seratus sembilan belas'],
    [250, 'dua ratus lima puluh'],
    [1000, 'seribu'],
    [1011, 'seribu sebelas'],
    [2305, 'dua ribu tiga ratus lima'],
  ])('says %i in Indonesian as "%s"', (n, words) => {
    expect(indonesianWords(n)).toBe(words);
  });

  it.each([
    [13, 'thirteen'],
    [42, 'forty-two'],
    [305, 'three hundred five'],
  ])('says %i in English as "%s"', (n, words) => {
    expect(englishWords(n)).toBe(words);
  });

  it('spells the prefix by Indonesian letter names and the number digit by digit or as words', () => {
    expect(spokenNumber('ANA-001', 'digits', 'id')).toBe('a en a, nol nol satu');
    expect(spokenNumber('ANA-012', 'words', 'id')).toBe('a en a, dua belas');
    expect(spokenNumber('INT-120', 'words', 'en')).toBe('I N T, one hundred twenty');
    expect(spokenNumber('007', 'digits', 'id')).toBe('nol nol tujuh');
  });

  it('builds the full sentence', () => {
    expect(announcementText('ANA-003', 'Poli Anak ruang 1', 'digits', 'id')).toBe(
      'Nomor antrean a en a, nol nol tiga, silakan menuju Poli Anak ruang 1.',
    );
    expect(announcementText('A-3', 'Counter 2', 'words', 'en')).toBe(
      'Queue number A, three, please proceed to Counter 2.',
    );
  });

  it('refuses numbers it cannot say rather than saying nonsense', () => {
    expect(() => indonesianWords(10_000)).toThrow(RangeError);
    expect(() => indonesianWords(-1)).toThrow(RangeError);
  });
});
