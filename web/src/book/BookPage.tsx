import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson, type FacilitySummary, type TicketView } from '../shared/api';
import { currentLang, translator } from '../shared/i18n';
import { savePatientAccess, type PatientAccess } from '../shared/patient-access';
import { saveTicket, todayWib } from '../shared/saved-tickets';

interface Session {
  doctorCode: string;
  doctorName: string;
  practiceHours: string;
  absent: boolean;
  remainingJkn: number;
  remainingNonJkn: number;
}

const t = translator(currentLang());

/**
 * The patient books (`/book.html`, `?facility=` preselects): facility, poli, date, doctor session
 * with the quota left, then card number (JKN) or NIK and a phone for notifications. On success the
 * ticket is remembered on this device and its live page opens.
 */
export function BookPage() {
  const params = new URLSearchParams(location.search);
  const [facilities, setFacilities] = useState<FacilitySummary[]>([]);
  const [facilityCode, setFacilityCode] = useState(params.get('facility') ?? '');
  const [poliCode, setPoliCode] = useState('');
  const [date, setDate] = useState(todayWib());
  const [sessions, setSessions] = useState<Session[] | null>(null);
  const [session, setSession] = useState('');
  const [jkn, setJkn] = useState(true);
  const [identifier, setIdentifier] = useState('');
  const [phone, setPhone] = useState('');
  const [isNew, setIsNew] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per booking attempt: a retried tap after a lost answer gets the same ticket.
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());

  useEffect(() => {
    getJson<FacilitySummary[]>('/api/v1/facilities')
      .then(setFacilities)
      .catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    setSessions(null);
    setSession('');
    if (!facilityCode || !poliCode) return;
    const q = new URLSearchParams({ poliCode, date });
    getJson<Session[]>(`/api/v1/facilities/${encodeURIComponent(facilityCode)}/sessions?${q}`)
      .then((s) => {
        setSessions(s);
        const open = s.find((x) => !x.absent && (jkn ? x.remainingJkn : x.remainingNonJkn) > 0);
        setSession(open ? `${open.doctorCode}|${open.practiceHours}` : '');
      })
      .catch((e: Error) => setError(e.message));
  }, [facilityCode, poliCode, date]);

  const facility = facilities.find((f) => f.code === facilityCode);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const [doctorCode, practiceHours] = session.split('|');
    try {
      const ticket = await postJson<TicketView & { patientAccess?: PatientAccess }>(
        `/api/v1/facilities/${encodeURIComponent(facilityCode)}/tickets`,
        {
          poliCode,
          serviceDate: date,
          ...(doctorCode && { doctorCode, practiceHours }),
          patientType: jkn ? 'JKN' : 'NON_JKN',
          patient: {
            ...(jkn ? { cardNumber: identifier } : { nik: identifier }),
            ...(phone && { phone }),
            isNew,
            locale: currentLang(),
          },
          source: 'online',
        },
        { 'idempotency-key': attemptKey },
      );
      // The booking answer's patient token opens the live ticket on this tab without a code.
      if (ticket.patientAccess) {
        savePatientAccess(sessionStorage, ticket.bookingCode, ticket.patientAccess);
      }
      saveTicket({
        bookingCode: ticket.bookingCode,
        facilityCode: ticket.facilityCode,
        displayNumber: ticket.displayNumber,
        serviceDate: ticket.serviceDate,
      });
      location.assign(`/ticket.html?code=${encodeURIComponent(ticket.bookingCode)}`);
    } catch (err) {
      // A refusal is final for this attempt: the next one is a new booking with a new key.
      if (err instanceof ApiError && err.status < 500) setAttemptKey(crypto.randomUUID());
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <main>
      <h1>{t('pageBook')}</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <label for="facility">{t('facility')}</label>
        <select
          id="facility"
          required
          value={facilityCode}
          onChange={(e) => {
            setFacilityCode(e.currentTarget.value);
            setPoliCode('');
          }}
        >
          <option value="">{t('chooseFacility')}</option>
          {facilities.map((f) => (
            <option key={f.code} value={f.code}>
              {f.name} ({f.district})
            </option>
          ))}
        </select>

        <label for="poli">{t('poli')}</label>
        <select
          id="poli"
          required
          value={poliCode}
          disabled={!facility}
          onChange={(e) => setPoliCode(e.currentTarget.value)}
        >
          <option value="">{t('choosePoli')}</option>
          {facility?.polis.map((p) => (
            <option key={p.code} value={p.code}>
              {p.name}
            </option>
          ))}
        </select>

        <label for="date">{t('visitDate')}</label>
        <input
          id="date"
          type="date"
          required
          min={todayWib()}
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
        />

        {sessions && (
          <fieldset>
            <legend>{t('session')}</legend>
            {sessions.length === 0 && <p>{t('noSessions')}</p>}
            {sessions.map((s) => {
              const left = jkn ? s.remainingJkn : s.remainingNonJkn;
              const value = `${s.doctorCode}|${s.practiceHours}`;
              return (
                <label key={value} class="choice">
                  <input
                    type="radio"
                    name="session"
                    value={value}
                    checked={session === value}
                    disabled={s.absent || left <= 0}
                    onChange={() => setSession(value)}
                  />{' '}
                  {s.doctorName}, {s.practiceHours} —{' '}
                  {s.absent ? t('doctorAbsent') : t('quotaLeft', { n: left })}
                </label>
              );
            })}
          </fieldset>
        )}

        <fieldset>
          <legend>{t('patientType')}</legend>
          <label class="choice">
            <input type="radio" name="type" checked={jkn} onChange={() => setJkn(true)} />{' '}
            {t('jkn')}
          </label>
          <label class="choice">
            <input type="radio" name="type" checked={!jkn} onChange={() => setJkn(false)} />{' '}
            {t('nonJkn')}
          </label>
        </fieldset>

        <label for="identifier">{jkn ? t('cardNumber') : t('nik')}</label>
        <input
          id="identifier"
          required
          inputMode="numeric"
          autocomplete="off"
          pattern={jkn ? '\\d{13}' : '\\d{16}'}
          value={identifier}
          onInput={(e) => setIdentifier(e.currentTarget.value.trim())}
        />

        <label for="phone">{t('phone')}</label>
        <input
          id="phone"
          type="tel"
          inputMode="tel"
          autocomplete="tel"
          pattern="(\+62|62|0)8\d{7,12}"
          value={phone}
          onInput={(e) => setPhone(e.currentTarget.value.trim())}
        />

        <label class="choice">
          <input
            type="checkbox"
            checked={isNew}
            onChange={(e) => setIsNew(e.currentTarget.checked)}
          />{' '}
          {t('newPatient')}
        </label>

        {error && (
          <p class="error" role="alert" data-testid="book-error">
            {error}
          </p>
        )}
        <p>
          <button type="submit" disabled={busy || !session}>
            {busy ? t('booking') : t('submitBooking')}
          </button>
        </p>
      </form>
    </main>
  );
}
