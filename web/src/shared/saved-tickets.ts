/**
 * Tickets booked on this device, so the patient finds them again (and checks in with one tap after
 * scanning the facility's QR code) without an account. Only booking codes and numbers are kept,
 * never NIK or card numbers.
 */
export interface SavedTicket {
  bookingCode: string;
  facilityCode: string;
  displayNumber: string;
  serviceDate: string;
}

const KEY = 'antrean.tickets';
const KEEP = 20;

export function savedTickets(): SavedTicket[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as SavedTicket[]) : [];
  } catch {
    return [];
  }
}

export function saveTicket(ticket: SavedTicket): void {
  const others = savedTickets().filter((t) => t.bookingCode !== ticket.bookingCode);
  localStorage.setItem(KEY, JSON.stringify([ticket, ...others].slice(0, KEEP)));
}

/** Today in Asia/Jakarta (WIB) as YYYY-MM-DD, the date tickets are booked for. */
export function todayWib(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
}
