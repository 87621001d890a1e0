import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../shared/api';
import { announcementText, speak, type NumberMode, type VoiceLang } from '../shared/announcement';
import { useDebounced, useLive } from '../shared/hooks';
import { currentLang, stationLabel, translator } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import type { LiveMessage } from '../shared/live';

interface Board {
  facilityCode: string;
  facilityName: string | null;
  nowCalled: Array<{
    counterCode: string;
    counterName: string;
    displayNumber: string;
    station: string;
    at: string;
  }>;
  queues: Array<{
    station: string;
    poliCode: string;
    poliName: string;
    waiting: number;
    next: string[];
  }>;
}

interface Flash {
  counterCode: string;
  key: string;
}

const lang = currentLang();
const t = translator(lang);
const params = new URLSearchParams(location.search);
const facilityCode = params.get('facility')?.trim().toUpperCase() ?? '';
const numberMode: NumberMode = params.get('numbers') === 'words' ? 'words' : 'digits';
const voiceLang: VoiceLang = params.get('voice') === 'en' ? 'en' : 'id';

/**
 * The waiting-room television (`/display.html?facility=<kode>&numbers=digits|words&voice=id|en`):
 * now called per counter and the next numbers per line, a flash and a spoken announcement on every
 * call. Driven by push only: the board is read at start and after each (re)connection, and each
 * pushed event updates it; nothing polls.
 */
export function DisplayPage() {
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [sound, setSound] = useState(params.get('sound') === 'on');

  const load = async () => {
    try {
      setBoard(
        await getJson<Board>(`/api/v1/facilities/${encodeURIComponent(facilityCode)}/board`),
      );
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const reload = useDebounced(() => void load(), 300);
  useEffect(() => void load(), []);

  const onMessage = (m: LiveMessage) => {
    if (m.event.startsWith('subscribed')) return reload();
    if (m.event === 'queue.ticket.called' || m.event === 'queue.ticket.recalled') {
      const counter = m.data.counter as { code: string; name: string; station: string };
      const displayNumber = String(m.data.displayNumber);
      setBoard((b) => b && withCall(b, counter, displayNumber, String(m.data.occurredAt)));
      setFlash({ counterCode: counter.code, key: String(m.data.eventId) });
      if (sound)
        speak(announcementText(displayNumber, counter.name, numberMode, voiceLang), voiceLang);
    }
    reload();
  };
  const live = useLive(
    facilityCode ? [{ event: 'subscribe', data: { facilityCode } }] : null,
    onMessage,
  );

  return (
    <div class="display">
      <header>
        <h1>{t('displayTitle', { facility: board?.facilityName ?? facilityCode })}</h1>
        <span>
          {!sound && (
            <button type="button" onClick={() => setSound(true)} data-testid="enable-sound">
              {t('enableSound')}
            </button>
          )}{' '}
          <LiveBadge state={live} t={t} />
        </span>
      </header>
      {error && <p class="error">{error}</p>}
      <section aria-label={t('displayNowCalled')}>
        <h2>{t('displayNowCalled')}</h2>
        {board && board.nowCalled.length === 0 && <p class="empty">{t('displayEmpty')}</p>}
        <div class="called">
          {board?.nowCalled.map((c) => (
            <div
              key={`${c.counterCode}-${flash?.counterCode === c.counterCode ? flash.key : ''}`}
              class={`call${flash?.counterCode === c.counterCode ? ' flash' : ''}`}
              data-testid={`call-${c.counterCode}`}
            >
              <div class="number">{c.displayNumber}</div>
              <div class="where">{c.counterName}</div>
            </div>
          ))}
        </div>
      </section>
      <section aria-label={t('displayNext')}>
        <h2>{t('displayNext')}</h2>
        <div class="queues">
          {board?.queues.map((q) => (
            <div
              class="line"
              key={`${q.station}-${q.poliCode}`}
              data-testid={`next-${q.station}-${q.poliCode}`}
            >
              <div>
                {stationLabel(t, q.station)} · {q.poliName}
              </div>
              <div class="next">{q.next.join('  ')}</div>
            </div>
          ))}
        </div>
      </section>
    </div>
  );
}

/** The board with a call applied at once (the re-read that follows confirms it). */
function withCall(
  board: Board,
  counter: { code: string; name: string; station: string },
  displayNumber: string,
  at: string,
): Board {
  const others = board.nowCalled.filter((c) => c.counterCode !== counter.code);
  const call = {
    counterCode: counter.code,
    counterName: counter.name,
    displayNumber,
    station: counter.station,
    at,
  };
  const queues = board.queues.map((q) => ({
    ...q,
    next: q.next.filter((n) => n !== displayNumber),
  }));
  return { ...board, nowCalled: [call, ...others], queues };
}
