/**
 * The kiosk ticket as plain text for a 58 mm thermal printer (32 characters a line in its standard
 * font), so a facility can send it to an ESC/POS printer as is, and the browser prints the same
 * lines through the print stylesheet.
 */
export const THERMAL_WIDTH = 32;

export interface ThermalTicket {
  facilityName: string;
  poliName: string;
  displayNumber: string;
  bookingCode: string;
  serviceDate: string;
  issuedAt: Date;
  followUrl: string;
}

export function center(text: string, width = THERMAL_WIDTH): string {
  const t = text.length > width ? text.slice(0, width) : text;
  const left = Math.floor((width - t.length) / 2);
  return `${' '.repeat(left)}${t}`.trimEnd();
}

/** Breaks on spaces into lines of at most `width` characters (long words are cut). */
export function wrap(text: string, width = THERMAL_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    for (let w = word; w.length > 0; w = w.slice(width)) {
      const piece = w.slice(0, width);
      if (!line) line = piece;
      else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`;
      else {
        lines.push(line);
        line = piece;
      }
      if (w.length <= width) break;
      lines.push(line);
      line = '';
    }
  }
  if (line) lines.push(line);
  return lines;
}

export function thermalTicketText(t: ThermalTicket): string {
  const rule = '-'.repeat(THERMAL_WIDTH);
  const time = new Intl.DateTimeFormat('id-ID', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Asia/Jakarta',
  }).format(t.issuedAt);
  return [
    ...wrap(t.facilityName).map((l) => center(l)),
    rule,
    center('NOMOR ANTREAN'),
    center(t.displayNumber),
    center(t.poliName),
    rule,
    `Tanggal : ${t.serviceDate}`,
    `Jam     : ${time} WIB`,
    `Kode    : ${t.bookingCode}`,
    rule,
    ...wrap('Pantau antrean Anda dengan memindai kode QR atau buka:'),
    ...wrap(t.followUrl),
    '',
    center('Terima kasih'),
  ].join('\n');
}
