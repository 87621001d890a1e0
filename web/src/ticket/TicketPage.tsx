import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson } from '../shared/api';
import { useDebounced, useLive } from '../shared/hooks';
import { currentLang, formatTime, statusLabel, translator } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import type { LiveMessage } from '../shared/live';
import { PatientOtp } from '../shared/PatientOtp';
import { usePatientAccess } from '../shared/usePatientAccess';

interface Ticket {
  bookingCode: string;
  facilityCode: string;
  poliCode: string;
  serviceDate: string;
  displayNumber: string;
  status: string;
}

interface TicketStatus {
  status: string;
  ahead: number | null;
  nowCalled: string | null;
  estimatedCallAt: string | null;
  estimatedWaitMinutes: number | null;
}

const lang = currentLang();
const t = translator(lang);

/**
 * The patient's live ticket (`/ticket.html?code=<kode booking>`), opened with the patient token of
 * that booking: the one the booking page kept on this tab, or one got here with a one-time code.
 */
export function TicketPage() {
  const code = new URLSearchParams(location.search).get('code')?.trim().toUpperCase() ?? '';
  const { access, auth, notice, grant } = usePatientAccess(code, t('ticketAccessLost'));

  if (code && !auth) {
    return (
      <main>
        <div class="status-line">
          <span>{t('appName')}</span>
        </div>
        <h1>{t('ticketTitle')}</h1>
        <PatientOtp code={code} t={t} notice={notice} onVerified={grant} />
      </main>
    );
  }
  return <LiveTicket key={access?.accessToken ?? ''} code={code} />;
}

/**
 * Position, number now called and estimated time, re-read whenever the gateway pushes a change of
 * this ticket or its facility.
 */
function LiveTicket({ code }: { code: string }) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [calledTo, setCalledTo] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const checkedIn = new URLSearchParams(location.search).get('checkedIn') === '1';

  const cancel = async (e: Event) => {
    e.preventDefault();
    try {
      await postJson(`/api/v1/tickets/${encodeURIComponent(code)}/cancel`, {
        reason,
        by: 'patient',
      });
      setCancelling(false);
      await load();
    } catch (err) {
      setError((err as Error).message);
    }
  };

  const load = async () => {
    try {
      const [tk, st] = await Promise.all([
        getJson<Ticket>(`/api/v1/tickets/${encodeURIComponent(code)}`),
        getJson<TicketStatus>(`/api/v1/tickets/${encodeURIComponent(code)}/status`),
      ]);
      setTicket(tk);
      setStatus(st);
      setError(null);
    } catch (e) {
      setError(
        e instanceof ApiError && e.status === 404 ? t('ticketNotFound') : (e as Error).message,
      );
    }
  };
  const reload = useDebounced(() => void load(), 250);

  useEffect(() => {
    if (code) void load();
    else setError(t('ticketNotFound'));
  }, [code]);

  const onMessage = (m: LiveMessage) => {
    if (m.event.startsWith('subscribed')) return reload();
    if (m.event === 'error') return;
    const own = m.data.bookingCode === code;
    if (own && (m.event === 'queue.ticket.called' || m.event === 'queue.ticket.recalled')) {
      const counter = m.data.counter as { name?: string } | undefined;
      setCalledTo(counter?.name ?? '');
      navigator.vibrate?.([300, 150, 300]);
    } else if (own) {
      setCalledTo(null);
    }
    reload();
  };
  const live = useLive(
    ticket
      ? [
          { event: 'subscribe-ticket', data: { bookingCode: code } },
          { event: 'subscribe', data: { facilityCode: ticket.facilityCode } },
        ]
      : null,
    onMessage,
  );

  return (
    <main>
      <div class="status-line">
        <span>{t('appName')}</span>
        {ticket && <LiveBadge state={live} t={t} />}
      </div>
      <h1>{t('ticketTitle')}</h1>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {!ticket && !error && <p>{t('loading')}</p>}
      {ticket && status && (
        <>
          {checkedIn && status.status === 'waiting' && calledTo === null && (
            <p class="alert" role="status">
              {t('checkedIn')}
            </p>
          )}
          {calledTo !== null && (
            <p class="alert" role="alert" data-testid="called-alert">
              {t('youAreCalled', { counter: calledTo })}
            </p>
          )}
          <section class="card" aria-labelledby="number-label">
            <div id="number-label" class="status-line">
              <span>
                {t('bookingCode')}: <strong>{ticket.bookingCode}</strong>
              </span>
              <span class="badge" data-testid="ticket-status">
                {statusLabel(t, status.status)}
              </span>
            </div>
            <p class="big-number" data-testid="display-number">
              {ticket.displayNumber}
            </p>
            <dl class="facts">
              <dt>{t('poli')}</dt>
              <dd>{ticket.poliCode}</dd>
              <dt>{t('serviceDate')}</dt>
              <dd>{ticket.serviceDate}</dd>
              <dt>{t('ahead')}</dt>
              <dd data-testid="ahead">{status.ahead ?? t('none')}</dd>
              <dt>{t('nowCalled')}</dt>
              <dd data-testid="now-called">{status.nowCalled ?? t('none')}</dd>
              <dt>{t('estimatedCall')}</dt>
              <dd>
                {status.estimatedCallAt ? formatTime(status.estimatedCallAt, lang) : t('none')}
              </dd>
              <dt>{t('estimatedWait')}</dt>
              <dd>
                {status.estimatedWaitMinutes !== null
                  ? t('minutes', { n: status.estimatedWaitMinutes })
                  : t('none')}
              </dd>
            </dl>
          </section>
          {status.status === 'booked' && (
            <section class="card">
              <p>{t('checkInHint')}</p>
              {!cancelling && (
                <button type="button" class="secondary" onClick={() => setCancelling(true)}>
                  {t('cancel')}
                </button>
              )}
              {cancelling && (
                <form onSubmit={(e) => void cancel(e)}>
                  <label for="reason">{t('cancelReason')}</label>
                  <input
                    id="reason"
                    required
                    minLength={3}
                    maxLength={500}
                    value={reason}
                    onInput={(e) => setReason(e.currentTarget.value)}
                  />{' '}
                  <button type="submit">{t('cancelConfirm')}</button>
                </form>
              )}
            </section>
          )}
        </>
      )}
    </main>
  );
}
