import { useEffect, useRef, useState } from 'preact/hooks';
import QRCode from 'qrcode';
import { getJson, postJson, type FacilitySummary, type TicketView } from '../shared/api';
import { currentLang, translator } from '../shared/i18n';
import { thermalTicketText } from './thermal-ticket';

const t = translator(currentLang());
const facilityCode = new URLSearchParams(location.search).get('facility')?.toUpperCase() ?? '';
const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'clear', '0', 'delete'] as const;
/** Back to the first screen when nobody touches the kiosk for a while. */
const IDLE_RESET_MS = 60_000;

type Step =
  | { kind: 'poli' }
  | { kind: 'id'; poli: { code: string; name: string } }
  | { kind: 'ticket'; poliName: string; ticket: TicketView; text: string };

/**
 * The walk-in kiosk (`/kiosk.html?facility=<kode>`): big buttons for the poli, a big keypad for the
 * NIK or JKN card number, then the number on screen and a printed ticket (58 mm thermal layout,
 * see thermal-ticket.ts). The patient is at the facility, so the ticket is checked in at once.
 */
export function KioskPage() {
  const [facility, setFacility] = useState<FacilitySummary | null>(null);
  const [step, setStep] = useState<Step>({ kind: 'poli' });
  const [digits, setDigits] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const qr = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    getJson<FacilitySummary[]>('/api/v1/facilities')
      .then((all) => setFacility(all.find((f) => f.code === facilityCode) ?? null))
      .catch((e: Error) => setError(e.message));
  }, []);

  useEffect(() => {
    if (step.kind === 'poli') return undefined;
    const timer = setTimeout(reset, IDLE_RESET_MS);
    return () => clearTimeout(timer);
  }, [step, digits]);

  useEffect(() => {
    if (step.kind === 'ticket' && qr.current) {
      void QRCode.toCanvas(qr.current, followUrl(step.ticket.bookingCode), {
        width: 180,
        margin: 1,
      });
    }
  }, [step]);

  function reset() {
    setStep({ kind: 'poli' });
    setDigits('');
    setError(null);
  }

  const press = (key: (typeof KEYS)[number]) => {
    setError(null);
    if (key === 'clear') setDigits('');
    else if (key === 'delete') setDigits((d) => d.slice(0, -1));
    else setDigits((d) => (d.length < 16 ? d + key : d));
  };

  const take = async (poli: { code: string; name: string }) => {
    setBusy(true);
    try {
      const jkn = digits.length === 13;
      const booked = await postJson<TicketView>(
        `/api/v1/facilities/${encodeURIComponent(facilityCode)}/tickets`,
        {
          poliCode: poli.code,
          source: 'kiosk',
          patientType: jkn ? 'JKN' : 'NON_JKN',
          patient: jkn ? { cardNumber: digits } : { nik: digits },
        },
        { 'idempotency-key': crypto.randomUUID() },
      );
      const ticket = await postJson<TicketView>(
        `/api/v1/tickets/${encodeURIComponent(booked.bookingCode)}/check-in`,
        {},
      );
      const text = thermalTicketText({
        facilityName: facility?.name ?? facilityCode,
        poliName: poli.name,
        displayNumber: ticket.displayNumber,
        bookingCode: ticket.bookingCode,
        serviceDate: ticket.serviceDate,
        issuedAt: new Date(),
        followUrl: followUrl(ticket.bookingCode),
      });
      setStep({ kind: 'ticket', poliName: poli.name, ticket, text });
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="kiosk">
      <h1>
        {t('kioskTitle')} — {facility?.name ?? facilityCode}
      </h1>
      {error && (
        <p class="error" role="alert" data-testid="kiosk-error">
          {error}
        </p>
      )}
      {step.kind === 'poli' && (
        <>
          <p class="lead">{t('kioskChoosePoli')}</p>
          <div class="big-buttons">
            {facility?.polis.map((p) => (
              <button type="button" key={p.code} onClick={() => setStep({ kind: 'id', poli: p })}>
                {p.name}
              </button>
            ))}
          </div>
        </>
      )}
      {step.kind === 'id' && (
        <>
          <p class="lead">
            {step.poli.name}: {t('kioskEnterId')}
          </p>
          <output class="kiosk-digits" data-testid="kiosk-digits" aria-live="polite">
            {digits || '\u00a0'}
          </output>
          <div class="keypad">
            {KEYS.map((k) => (
              <button
                type="button"
                key={k}
                onClick={() => press(k)}
                class={k.length > 1 ? 'secondary' : ''}
              >
                {k === 'clear' ? t('kioskClear') : k === 'delete' ? t('kioskDelete') : k}
              </button>
            ))}
          </div>
          <div class="big-buttons two">
            <button type="button" class="secondary" onClick={reset}>
              {t('kioskBack')}
            </button>
            <button
              type="button"
              disabled={busy || (digits.length !== 13 && digits.length !== 16)}
              onClick={() => void take(step.poli)}
            >
              {t('kioskOk')}
            </button>
          </div>
        </>
      )}
      {step.kind === 'ticket' && (
        <section class="print-ticket" data-testid="kiosk-ticket">
          <p class="lead no-print">{t('kioskYourNumber')}</p>
          <p class="big-number no-print">{step.ticket.displayNumber}</p>
          <pre class="thermal" data-testid="thermal-text">
            {step.text}
          </pre>
          <canvas ref={qr} aria-label={t('kioskScanToFollow')} />
          <div class="big-buttons two no-print">
            <button type="button" onClick={() => window.print()}>
              {t('kioskPrint')}
            </button>
            <button type="button" class="secondary" onClick={reset}>
              {t('kioskDone')}
            </button>
          </div>
        </section>
      )}
    </main>
  );
}

function followUrl(bookingCode: string): string {
  return `${location.origin}/ticket.html?code=${encodeURIComponent(bookingCode)}`;
}
