import { useEffect, useState } from 'preact/hooks';
import { getJson, postJson, type FacilitySummary, type TicketView } from '../shared/api';
import { useDebounced, useLive } from '../shared/hooks';
import { currentLang, stationLabel, statusLabel, translator } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import type { LiveMessage } from '../shared/live';
import { BookOnBehalf } from './BookOnBehalf';

interface Counter {
  code: string;
  name: string;
  station: 'admisi' | 'poli' | 'farmasi';
  poliCodes: string[];
}

interface CounterQueue {
  counter: Counter;
  current: TicketView | null;
  waitingCount: number;
  waiting: TicketView[];
}

type Action = 'call-next' | 'recall' | 'no-show' | 'start' | 'finish';

const t = translator(currentLang());
const params = new URLSearchParams(location.search);
const facilityCode = params.get('facility')?.toUpperCase() ?? '';
const counterCode = params.get('counter')?.toUpperCase() ?? '';

/** Keyboard shortcuts of the console (ignored while typing in a form field). */
const SHORTCUTS: Record<string, Action> = {
  n: 'call-next',
  r: 'recall',
  s: 'start',
  f: 'finish',
  x: 'no-show',
};

/**
 * The front-desk console (`/desk.html?facility=<kode>&counter=<loket>`): who is at the counter,
 * who waits in call order, the actions with keyboard shortcuts, and booking on behalf of a patient.
 * Live: every pushed event of the facility re-reads the counter's list once.
 */
export function DeskPage() {
  const [counters, setCounters] = useState<Counter[]>([]);
  const [facility, setFacility] = useState<FacilitySummary | null>(null);
  const [queue, setQueue] = useState<CounterQueue | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const base = `/api/v1/facilities/${encodeURIComponent(facilityCode)}/counters`;
  const load = async () => {
    if (!counterCode) return;
    try {
      setQueue(await getJson<CounterQueue>(`${base}/${encodeURIComponent(counterCode)}/queue`));
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const reload = useDebounced(() => void load(), 200);

  useEffect(() => {
    void getJson<Counter[]>(base).then(setCounters, (e: Error) => setError(e.message));
    void getJson<FacilitySummary[]>('/api/v1/facilities').then(
      (all) => setFacility(all.find((f) => f.code === facilityCode) ?? null),
      (e: Error) => setError(e.message),
    );
    void load();
  }, []);

  const live = useLive(
    counterCode ? [{ event: 'subscribe', data: { facilityCode } }] : null,
    (m: LiveMessage) => {
      if (m.event !== 'error') reload();
    },
  );

  const act = async (action: Action | 'transfer', body: unknown = {}) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await postJson(`${base}/${encodeURIComponent(counterCode)}/${action}`, body);
      await load();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const current = queue?.current ?? null;
  const station = queue?.counter.station;
  // Finishing sends the patient on along admisi → poli → farmasi unless the desk says done.
  const nextStation = station === 'admisi' ? 'poli' : station === 'poli' ? 'farmasi' : null;
  const finishToNext = { next: nextStation ?? 'done' };
  const can: Record<Action, boolean> = {
    'call-next': !current,
    recall: current?.status === 'called',
    start: current?.status === 'called',
    'no-show': current?.status === 'called',
    finish: current?.status === 'serving',
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || target.closest('input, select, textarea')) return;
      const action = SHORTCUTS[e.key.toLowerCase()];
      if (action && can[action]) {
        e.preventDefault();
        void act(action, action === 'finish' ? finishToNext : {});
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!counterCode) {
    return (
      <main>
        <h1>{t('deskChooseCounter')}</h1>
        <ul>
          {counters.map((c) => (
            <li key={c.code}>
              <a href={`/desk.html?facility=${facilityCode}&counter=${encodeURIComponent(c.code)}`}>
                {c.name} ({stationLabel(t, c.station)})
              </a>
            </li>
          ))}
        </ul>
        {error && <p class="error">{error}</p>}
      </main>
    );
  }

  return (
    <main class="desk">
      <header class="status-line">
        <h1>
          {t('deskTitle', {
            counter: queue?.counter.name ?? counterCode,
            facility: facility?.name ?? facilityCode,
          })}
        </h1>
        <LiveBadge state={live} t={t} />
      </header>
      <section class="card" aria-labelledby="at-counter">
        <h2 id="at-counter">{t('deskAtCounter')}</h2>
        {current ? (
          <>
            <p class="big-number" data-testid="desk-current">
              {current.displayNumber}
            </p>
            <p>
              <span class="badge" data-testid="desk-current-status">
                {statusLabel(t, current.status)}
              </span>{' '}
              {current.poliCode}{' '}
              {current.priority && <span class="badge">{t('priorityBadge')}</span>}
            </p>
          </>
        ) : (
          <p data-testid="desk-current-none">{t('deskNobody')}</p>
        )}
        <div class="actions">
          <button
            type="button"
            disabled={busy || !can['call-next']}
            onClick={() => void act('call-next')}
          >
            {t('deskCallNext')}
            <kbd>N</kbd>
          </button>
          <button type="button" disabled={busy || !can.recall} onClick={() => void act('recall')}>
            {t('deskRecall')}
            <kbd>R</kbd>
          </button>
          <button type="button" disabled={busy || !can.start} onClick={() => void act('start')}>
            {t('deskStart')}
            <kbd>S</kbd>
          </button>
          <button
            type="button"
            disabled={busy || !can.finish}
            onClick={() =>
              void act('finish', nextStation ? { next: nextStation } : { next: 'done' })
            }
          >
            {nextStation
              ? t('deskFinishTo', { station: stationLabel(t, nextStation) })
              : t('deskFinish')}
            <kbd>F</kbd>
          </button>
          {nextStation && (
            <button
              type="button"
              class="secondary"
              disabled={busy || !can.finish}
              onClick={() => void act('finish', { next: 'done' })}
            >
              {t('deskFinish')}
            </button>
          )}
          <button
            type="button"
            class="secondary"
            disabled={busy || !can['no-show']}
            onClick={() => void act('no-show')}
          >
            {t('deskNoShow')}
            <kbd>X</kbd>
          </button>
          <button
            type="button"
            class="secondary"
            disabled={busy || !can['no-show']}
            onClick={() => void act('no-show', { returnToQueue: true })}
          >
            {t('deskNoShowReturn')}
          </button>
        </div>
        <p class="status-line">{t('deskShortcuts')}</p>
        {error && (
          <p class="error" role="alert" data-testid="desk-error">
            {error}
          </p>
        )}
      </section>
      <section class="card" aria-labelledby="waiting">
        <h2 id="waiting">{t('deskWaiting', { n: queue?.waitingCount ?? 0 })}</h2>
        {queue && queue.waiting.length === 0 && <p>{t('deskEmpty')}</p>}
        <ol class="waiting-list" data-testid="desk-waiting">
          {queue?.waiting.map((w) => (
            <li key={w.bookingCode}>
              <strong>{w.displayNumber}</strong>
              <span>
                {w.poliCode} · {w.source}{' '}
                {w.priority && <span class="badge">{t('priorityBadge')}</span>}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {facility && <BookOnBehalf facility={facility} t={t} onBooked={reload} />}
    </main>
  );
}
