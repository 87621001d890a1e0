import { useEffect, useState } from 'preact/hooks';
import { getJson, postJson, type FacilitySummary } from '../shared/api';
import { currentLang, referralStatusLabel, translator } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import { useLiveReferrals } from '../shared/useLiveReferrals';
import { needsAction, type Verb } from './inbox-actions';
import { ReferralActions } from './ReferralActions';

const t = translator(currentLang());
const hospital = new URLSearchParams(location.search).get('hospital')?.toUpperCase() ?? '';
const enc = encodeURIComponent;

/**
 * The hospital's referral inbox (`/inbox.html?hospital=<kode RS>`): referrals sent or forwarded to
 * it appear by push, highlighted until the desk opens them; each shows the buttons of its status.
 */
export function InboxPage() {
  const [facilities, setFacilities] = useState<FacilitySummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const {
    referrals,
    live,
    fresh,
    reload,
    error: listError,
  } = useLiveReferrals(`/api/v1/hospitals/${enc(hospital)}/referrals?limit=100`, hospital);

  useEffect(() => {
    getJson<FacilitySummary[]>('/api/v1/facilities')
      .then(setFacilities)
      .catch((e: Error) => setError(e.message));
  }, []);

  const me = facilities.find((f) => f.code === hospital);
  const nameOf = (code: string) => facilities.find((f) => f.code === code)?.name ?? code;
  // A referral forwarded elsewhere leaves this inbox at the next read; until then it is hidden.
  const mine = (referrals ?? []).filter((r) => r.destinationFacilityCode === hospital);

  const act = async (id: string, verb: Verb, body: unknown = {}): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await postJson(`/api/v1/referrals/${enc(id)}/${verb}`, body);
      setSeen((s) => new Set([...s, id]));
      await reload();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="wide">
      <header class="status-line">
        <h1>{t('inboxTitle', { facility: me?.name ?? hospital })}</h1>
        <LiveBadge state={live} t={t} />
      </header>
      {(error ?? listError) && (
        <p class="error" role="alert" data-testid="inbox-error">
          {error ?? listError}
        </p>
      )}
      {referrals && mine.length === 0 && <p>{t('inboxEmpty')}</p>}
      <ul class="inbox" data-testid="inbox" aria-live="polite">
        {mine.map((r) => {
          const isFresh = fresh.has(r.id) && !seen.has(r.id);
          const classes = ['card', 'referral'];
          if (isFresh) classes.push('fresh');
          if (needsAction(r.status)) classes.push('todo');
          const identifier = r.patient.cardNumber ?? r.patient.nik;
          return (
            <li key={r.id} class={classes.join(' ')} data-testid={`inbox-${r.number}`}>
              <header class="status-line">
                <h2>
                  {r.patient.name} <small>{r.number}</small>
                </h2>
                <span>
                  {isFresh && (
                    <span class="badge new" data-testid="inbox-new">
                      {t('inboxNew')}
                    </span>
                  )}{' '}
                  <span class={`badge ref-${r.status}`} data-testid="inbox-status">
                    {referralStatusLabel(t, r.status)}
                  </span>
                </span>
              </header>
              <p>
                <strong>
                  {r.diagnosis.code} {r.diagnosis.name}
                </strong>{' '}
                · {r.poliCode}
                {r.subspecialty && ` (${r.subspecialty})`}
                {r.tacc && ` · ${t('inboxTacc', { reason: r.tacc.reason })}`}
              </p>
              <p>
                {t('inboxFrom', {
                  facility: nameOf(r.originFacilityCode),
                  doctor: r.referringDoctor,
                })}
                {identifier && ` · ${t('inboxIdentifier', { value: identifier })}`}
              </p>
              <p>
                {t('inboxPlanned', { date: r.plannedVisitDate, until: r.validUntil })}
                {r.appointment &&
                  ` · ${t('inboxAppointment', { date: r.appointment.visitDate })}` +
                    (r.appointment.displayNumber
                      ? `, ${t('inboxQueueNumber', { number: r.appointment.displayNumber })}`
                      : '')}
              </p>
              {r.notes && <p class="hint">{r.notes}</p>}
              <ReferralActions
                t={t}
                referral={r}
                hospital={hospital}
                polis={me?.polis ?? [{ code: r.poliCode, name: r.poliCode }]}
                busy={busy}
                act={(verb, body) => act(r.id, verb, body)}
              />
            </li>
          );
        })}
      </ul>
    </main>
  );
}
