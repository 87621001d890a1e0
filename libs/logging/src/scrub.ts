/**
 * Value-based masking of personal identifiers in a finished log line (pino `hooks.streamWrite`),
 * whatever field, message or error text they hide in: the redact paths only know field names.
 *
 * - NIK: 16 digits; JKN card number: 13 digits (also with spaces, dots or dashes between groups);
 * - Indonesian mobile numbers: 08…, 628…, +628…, with or without separators.
 *
 * A run of digits that is a JSON number right after a key (`"time":1733540000000`) is left alone:
 * pino's own epoch-millisecond timestamps are 13 digits, and identifiers are always strings.
 */
const SEP = '[ .-]?';
const PHONE = `(?:\\+62|62|0)${SEP}8\\d{1,3}(?:${SEP}\\d{3,4}){1,3}`;
const NIK_GROUPED = `\\d{4}${SEP}\\d{4}${SEP}\\d{4}${SEP}\\d{4}`;
const CARD_GROUPED = `\\d{4}${SEP}\\d{4}${SEP}\\d{5}|\\d{3}${SEP}\\d{5}${SEP}\\d{5}`;
const PATTERN = new RegExp(
  `(?<![\\w+])(?<!":)(?:(${PHONE})|(\\d{16}|${NIK_GROUPED})|(\\d{13}|${CARD_GROUPED}))(?![\\w])`,
  'g',
);
/** Cheap pre-check: a line without 9 digits in a row (or grouped) cannot hold an identifier. */
const MAYBE = /\d{3}[ .-]?\d{3}[ .-]?\d{3}/;

export function scrubPersonalData(line: string): string {
  if (!MAYBE.test(line)) return line;
  return line.replace(PATTERN, (match: string, phone?: string, nik?: string, card?: string) => {
    const digits = match.replace(/\D/g, '');
    if (phone) return digits.length >= 10 && digits.length <= 15 ? '[phone]' : match;
    if (nik) return '[nik]';
    if (card) return '[card]';
    return match;
  });
}
