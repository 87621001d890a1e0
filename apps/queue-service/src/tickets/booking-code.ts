import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: a booking code is read aloud and typed by people.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `kodebooking`: the service date (YYMMDD) and 6 random characters, e.g. `261124K7P2QX`. */
export function newBookingCode(serviceDate: string): string {
  let random = '';
  for (let i = 0; i < 6; i++) random += ALPHABET[randomInt(ALPHABET.length)];
  return serviceDate.slice(2).replaceAll('-', '') + random;
}

/** `nomorantrean` as shown and called: the poli's prefix and a 3-digit number, e.g. `ANA-007`. */
export function displayNumberOf(prefix: string, queueNumber: number): string {
  return `${prefix}-${String(queueNumber).padStart(3, '0')}`;
}
