/**
 * What the waiting-room display says when a number is called, in Bahasa Indonesia (or English):
 * "Nomor antrean A en A, nol nol satu, silakan menuju Poli Anak ruang 1". Letters are spoken by
 * their Indonesian names so a voice does not read "ANA" as a word; the number either digit by
 * digit ("nol nol satu") or as words ("satu", "seratus dua puluh tiga"), as the facility prefers.
 */
export type NumberMode = 'digits' | 'words';
export type VoiceLang = 'id' | 'en';

const LETTERS_ID: Record<string, string> = {
  A: 'a',
  B: 'be',
  C: 'ce',
  D: 'de',
  E: 'e',
  F: 'ef',
  G: 'ge',
  H: 'ha',
  I: 'i',
  J: 'je',
  K: 'ka',
  L: 'el',
  M: 'em',
  N: 'en',
  O: 'o',
  P: 'pe',
  Q: 'ki',
  R: 'er',
  S: 'es',
  T: 'te',
  U: 'u',
  V: 'fe',
  W: 'we',
  X: 'eks',
  Y: 'ye',
  Z: 'zet',
};
const DIGITS_ID = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
];
const DIGITS_EN = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TEENS_EN = [
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS_EN = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];

/** 0–9999 in Indonesian words: 11 sebelas, 100 seratus, 1000 seribu, 123 seratus dua puluh tiga. */
export function indonesianWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot say ${n}`);
  if (n < 10) return DIGITS_ID[n];
  if (n === 10) return 'sepuluh';
  if (n === 11) return 'sebelas';
  if (n < 20) return `${DIGITS_ID[n - 10]} belas`;
  if (n < 100) return join(`${DIGITS_ID[Math.floor(n / 10)]} puluh`, n % 10, indonesianWords);
  if (n < 1000) {
    const head = n < 200 ? 'seratus' : `${DIGITS_ID[Math.floor(n / 100)]} ratus`;
    return join(head, n % 100, indonesianWords);
  }
  const head = n < 2000 ? 'seribu' : `${DIGITS_ID[Math.floor(n / 1000)]} ribu`;
  return join(head, n % 1000, indonesianWords);
}

export function englishWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`cannot say ${n}`);
  if (n < 10) return DIGITS_EN[n];
  if (n < 20) return TEENS_EN[n - 10];
  if (n < 100) return join(TENS_EN[Math.floor(n / 10)], n % 10, englishWords, '-');
  if (n < 1000) return join(`${DIGITS_EN[Math.floor(n / 100)]} hundred`, n % 100, englishWords);
  return join(`${englishWords(Math.floor(n / 1000))} thousand`, n % 1000, englishWords);
}

function join(head: string, rest: number, say: (n: number) => string, sep = ' '): string {
  return rest === 0 ? head : `${head}${sep}${say(rest)}`;
}

/** "ANA-001" → the words a voice should say for it. */
export function spokenNumber(displayNumber: string, mode: NumberMode, lang: VoiceLang): string {
  const match = /^([A-Z]*)-?(\d+)$/.exec(displayNumber.trim().toUpperCase());
  if (!match) return displayNumber;
  const [, prefix, digits] = match;
  const letters = [...prefix].map((c) => (lang === 'id' ? (LETTERS_ID[c] ?? c) : c)).join(' ');
  const digitWords = lang === 'id' ? DIGITS_ID : DIGITS_EN;
  const number =
    mode === 'digits'
      ? [...digits].map((d) => digitWords[Number(d)]).join(' ')
      : (lang === 'id' ? indonesianWords : englishWords)(Number(digits));
  return letters ? `${letters}, ${number}` : number;
}

export function announcementText(
  displayNumber: string,
  counterName: string,
  mode: NumberMode,
  lang: VoiceLang,
): string {
  const number = spokenNumber(displayNumber, mode, lang);
  return lang === 'id'
    ? `Nomor antrean ${number}, silakan menuju ${counterName}.`
    : `Queue number ${number}, please proceed to ${counterName}.`;
}

/**
 * Speaks through the browser's speech synthesis, with an Indonesian voice when the device has one.
 * Browsers only speak after the page has had a user gesture: the display asks for one tap once.
 */
export function speak(text: string, lang: VoiceLang): void {
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = lang === 'id' ? 'id-ID' : 'en-US';
  const voice = speechSynthesis
    .getVoices()
    .find((v) => v.lang.replace('_', '-').startsWith(utterance.lang.slice(0, 2)));
  if (voice) utterance.voice = voice;
  utterance.rate = 0.9;
  speechSynthesis.speak(utterance);
}
