import { useState } from 'preact/hooks';
import { ApiError, postJson, type FacilitySummary, type TicketView } from '../shared/api';
import type { MessageKey, Translate } from '../shared/i18n';

const PRIORITIES = ['lansia', 'disabilitas', 'hamil', 'darurat'] as const;

/**
 * The desk books for a patient standing in front of it (source "desk"), with a priority when the
 * patient is elderly, disabled, pregnant or an emergency, and checks the ticket in at once.
 */
export function BookOnBehalf({
  facility,
  t,
  onBooked,
}: {
  facility: FacilitySummary;
  t: Translate;
  onBooked: () => void;
}) {
  const [poliCode, setPoliCode] = useState(facility.polis[0]?.code ?? '');
  const [identifier, setIdentifier] = useState('');
  const [phone, setPhone] = useState('');
  const [priority, setPriority] = useState('');
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setResult(null);
    const jkn = identifier.length === 13;
    try {
      const booked = await postJson<TicketView>(
        `/api/v1/facilities/${encodeURIComponent(facility.code)}/tickets`,
        {
          poliCode,
          source: 'desk',
          patientType: jkn ? 'JKN' : 'NON_JKN',
          patient: {
            ...(jkn ? { cardNumber: identifier } : { nik: identifier }),
            ...(phone && { phone }),
          },
          ...(priority && { priority: { category: priority, reason } }),
        },
        { 'idempotency-key': key },
      );
      await postJson(`/api/v1/tickets/${encodeURIComponent(booked.bookingCode)}/check-in`, {});
      setResult(t('deskBooked', { number: booked.displayNumber }));
      setIdentifier('');
      setPhone('');
      setPriority('');
      setReason('');
      setKey(crypto.randomUUID());
      onBooked();
    } catch (err) {
      if (err instanceof ApiError && err.status < 500) setKey(crypto.randomUUID());
      setError((err as Error).message);
    }
  };

  return (
    <form class="card" onSubmit={(e) => void submit(e)} aria-labelledby="book-on-behalf">
      <h2 id="book-on-behalf">{t('deskBookOnBehalf')}</h2>
      <label for="desk-poli">{t('poli')}</label>
      <select id="desk-poli" value={poliCode} onChange={(e) => setPoliCode(e.currentTarget.value)}>
        {facility.polis.map((p) => (
          <option key={p.code} value={p.code}>
            {p.name}
          </option>
        ))}
      </select>
      <label for="desk-id">
        {t('nik')} / {t('cardNumber')}
      </label>
      <input
        id="desk-id"
        required
        inputMode="numeric"
        autocomplete="off"
        pattern="\d{13}|\d{16}"
        value={identifier}
        onInput={(e) => setIdentifier(e.currentTarget.value.trim())}
      />
      <label for="desk-phone">{t('phone')}</label>
      <input
        id="desk-phone"
        type="tel"
        value={phone}
        onInput={(e) => setPhone(e.currentTarget.value.trim())}
      />
      <label for="desk-priority">{t('deskPriority')}</label>
      <select
        id="desk-priority"
        value={priority}
        onChange={(e) => setPriority(e.currentTarget.value)}
      >
        <option value="">{t('deskPriorityNone')}</option>
        {PRIORITIES.map((p) => (
          <option key={p} value={p}>
            {t(`priority_${p}` as MessageKey)}
          </option>
        ))}
      </select>
      {priority && (
        <>
          <label for="desk-reason">{t('deskPriorityReason')}</label>
          <input
            id="desk-reason"
            required
            minLength={3}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </>
      )}
      <p>
        <button type="submit">{t('submitBooking')}</button>
      </p>
      {result && (
        <p class="alert" role="status" data-testid="desk-booked">
          {result}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
