import { useState } from 'preact/hooks';
import { ApiError, postJson, type TicketView } from '../shared/api';
import { currentLang, translator } from '../shared/i18n';
import { savedTickets, todayWib } from '../shared/saved-tickets';

const t = translator(currentLang());
const facilityCode = new URLSearchParams(location.search).get('facility')?.toUpperCase() ?? '';

/**
 * Where the QR code at a facility's entrance leads (`/checkin.html?facility=<kode>`): the tickets
 * this device booked for today at this facility, each checked in with one tap; or a booking code
 * typed in. queue-service decides whether check-in is open (its window around the session).
 */
export function CheckinPage() {
  const mine = savedTickets().filter(
    (s) => s.facilityCode === facilityCode && s.serviceDate === todayWib(),
  );
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const checkIn = async (bookingCode: string) => {
    setBusy(true);
    setError(null);
    try {
      await postJson<TicketView>(`/api/v1/tickets/${encodeURIComponent(bookingCode)}/check-in`, {});
      location.assign(`/ticket.html?code=${encodeURIComponent(bookingCode)}&checkedIn=1`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : (e as Error).message);
      setBusy(false);
    }
  };

  return (
    <main>
      <h1>{t('checkInTitle', { facility: facilityCode })}</h1>
      {mine.length === 0 && <p>{t('checkInNone')}</p>}
      {mine.map((s) => (
        <section class="card" key={s.bookingCode}>
          <p class="big-number">{s.displayNumber}</p>
          <p>
            {t('bookingCode')}: <strong>{s.bookingCode}</strong>
          </p>
          <button
            type="button"
            disabled={busy}
            onClick={() => void checkIn(s.bookingCode)}
            data-testid={`checkin-${s.bookingCode}`}
          >
            {t('checkIn')}
          </button>
        </section>
      ))}
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void checkIn(code);
        }}
      >
        <label for="code">{t('bookingCode')}</label>
        <input
          id="code"
          required
          autocomplete="off"
          pattern="[0-9A-Za-z]{6,16}"
          value={code}
          onInput={(e) => setCode(e.currentTarget.value.trim().toUpperCase())}
        />{' '}
        <button type="submit" disabled={busy}>
          {t('checkIn')}
        </button>
      </form>
      {error && (
        <p class="error" role="alert" data-testid="checkin-error">
          {error}
        </p>
      )}
    </main>
  );
}
