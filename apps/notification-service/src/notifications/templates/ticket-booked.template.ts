import type { TicketBookedV1 } from '@app/contracts';

export type Locale = 'id' | 'en';

export interface RenderedMessage {
  /** Template name and version, part of the exactly-once key. */
  template: string;
  locale: Locale;
  title: string;
  body: string;
}

export const TICKET_BOOKED_TEMPLATE = 'ticket-booked@1';

/** Booking confirmation: number, poli, date and the link to the live ticket. Bahasa Indonesia first. */
export function renderTicketBooked(
  event: TicketBookedV1,
  locale: Locale,
  publicBaseUrl: string,
): RenderedMessage {
  const link = `${publicBaseUrl.replace(/\/$/, '')}/tiket/${event.bookingCode}`;
  const date = formatDate(event.serviceDate, locale);
  if (locale === 'en') {
    return {
      template: TICKET_BOOKED_TEMPLATE,
      locale,
      title: `Queue number ${event.displayNumber}`,
      body: `Your queue number is ${event.displayNumber} at ${event.poliName} on ${date}. Booking code ${event.bookingCode}. Follow the queue live: ${link}`,
    };
  }
  return {
    template: TICKET_BOOKED_TEMPLATE,
    locale,
    title: `Nomor antrean ${event.displayNumber}`,
    body: `Nomor antrean Anda ${event.displayNumber} di Poli ${event.poliName} pada ${date}. Kode booking ${event.bookingCode}. Pantau antrean secara langsung: ${link}`,
  };
}

function formatDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}
