import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../shared/api';
import { useDebounced, useLive } from '../shared/hooks';
import { currentLang, referralStatusLabel, translator } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import type { LiveMessage } from '../shared/live';
import { PatientOtp } from '../shared/PatientOtp';
import { usePatientAccess } from '../shared/usePatientAccess';

/** A referral as the gateway shows it to its patient (`GET /api/v1/patient/referrals`). */
interface PatientReferral {
  id: string;
  number: string;
  patientRef: string;
  status: string;
  origin: { code: string; name: string | null };
  destination: { code: string; name: string | null };
  poliCode: string;
  diagnosis: { code: string; name: string };
  referralDate: string;
  plannedVisitDate: string;
  validUntil: string;
  appointment: {
    visitDate: string;
    practiceHours: string | null;
    bookingCode: string | null;
    displayNumber: string | null;
  } | null;
  feedbackGiven: boolean;
  backReferral: { number: string; programmeName: string } | null;
}
interface Notice {
  id: string;
  title: string;
  body: string;
}

const lang = currentLang();
const t = translator(lang);
const NUMBER = /^[0-9A-Z]{8}\d{4}[PBK]\d{6}$/;

/**
 * The patient's referrals (`/referral.html?number=<nomor rujukan>`): the number opens them with a
 * one-time code sent to the phone on the referral; the token then shows every referral of that
 * patient, and their in-app notices arrive live.
 */
export function ReferralPage() {
  const [number, setNumber] = useState(
    () => new URLSearchParams(location.search).get('number')?.trim().toUpperCase() ?? '',
  );
  return (
    <main>
      <div class="status-line">
        <span>{t('appName')}</span>
      </div>
      <h1>{t('myReferralsTitle')}</h1>
      {NUMBER.test(number) ? (
        <OpenedByNumber key={number} number={number} />
      ) : (
        <NumberForm
          initial={number}
          onNumber={(n) => {
            history.replaceState(null, '', `?number=${encodeURIComponent(n)}`);
            setNumber(n);
          }}
        />
      )}
    </main>
  );
}

/** The referral's patient token on this tab, else the one-time code form for its number. */
function OpenedByNumber({ number }: { number: string }) {
  const { access, auth, notice, grant } = usePatientAccess(number, t('referralAccessLost'));
  return auth ? (
    <MyReferrals key={access?.accessToken ?? ''} />
  ) : (
    <PatientOtp code={number} kind="referral" t={t} notice={notice} onVerified={grant} />
  );
}

function NumberForm({ initial, onNumber }: { initial: string; onNumber: (n: string) => void }) {
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const n = value.trim().toUpperCase();
    if (NUMBER.test(n)) onNumber(n);
    else setError(t('referralNumberInvalid'));
  };
  return (
    <form class="card" onSubmit={submit}>
      <label for="referral-number">{t('referralNumberLabel')}</label>
      <input
        id="referral-number"
        required
        autocomplete="off"
        maxLength={19}
        value={value}
        onInput={(e) => setValue(e.currentTarget.value)}
      />{' '}
      <button type="submit">{t('referralNumberOpen')}</button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

/** Every referral of the token's patient, re-read when a notice arrives on their inbox. */
function MyReferrals() {
  const [referrals, setReferrals] = useState<PatientReferral[] | null>(null);
  const [notices, setNotices] = useState<Notice[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      setReferrals(await getJson<PatientReferral[]>('/api/v1/patient/referrals'));
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const reload = useDebounced(() => void load(), 250);
  useEffect(() => void load(), []);

  const patientRef = referrals?.[0]?.patientRef ?? null;
  const live = useLive(
    patientRef ? [{ event: 'subscribe-inbox', data: { recipient: patientRef } }] : null,
    (m: LiveMessage) => {
      if (m.event !== 'notification') return;
      const n = m.data as unknown as Notice;
      setNotices((list) => [n, ...list.filter((x) => x.id !== n.id)].slice(0, 5));
      reload();
    },
  );

  return (
    <>
      {patientRef && (
        <div class="status-line">
          <LiveBadge state={live} t={t} />
        </div>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {notices.length > 0 && (
        <section class="card" aria-labelledby="notices-title" data-testid="referral-notices">
          <h2 id="notices-title">{t('referralNotifications')}</h2>
          <ul class="notices" role="status">
            {notices.map((n) => (
              <li key={n.id}>
                <strong>{n.title}</strong>
                <br />
                {n.body}
              </li>
            ))}
          </ul>
        </section>
      )}
      {!referrals && !error && <p>{t('loading')}</p>}
      {referrals?.length === 0 && <p>{t('referralNone')}</p>}
      {referrals?.map((r) => (
        <ReferralCard key={r.number} r={r} />
      ))}
    </>
  );
}

function ReferralCard({ r }: { r: PatientReferral }) {
  const place = (f: { code: string; name: string | null }) => f.name ?? f.code;
  return (
    <section class="card" data-testid="patient-referral" data-number={r.number}>
      <div class="status-line">
        <strong>{r.number}</strong>
        <span class={`badge ref-${r.status}`} data-testid="referral-status">
          {referralStatusLabel(t, r.status)}
        </span>
      </div>
      <dl class="facts">
        <dt>{t('referralFrom')}</dt>
        <dd>{place(r.origin)}</dd>
        <dt>{t('referralTo')}</dt>
        <dd>
          {place(r.destination)} · {t('poli')} {r.poliCode}
        </dd>
        <dt>{t('referralDiagnosis')}</dt>
        <dd>
          {r.diagnosis.name} ({r.diagnosis.code})
        </dd>
        <dt>{t('referralDateLabel')}</dt>
        <dd>{r.referralDate}</dd>
        <dt>{t('referralPlanned')}</dt>
        <dd>{r.plannedVisitDate}</dd>
        <dt>{t('referralValidUntil')}</dt>
        <dd>{r.validUntil}</dd>
        {r.appointment && (
          <>
            <dt>{t('referralAppointment')}</dt>
            <dd data-testid="referral-appointment">
              {r.appointment.visitDate}
              {r.appointment.practiceHours && ` ${r.appointment.practiceHours}`}
              {r.appointment.displayNumber && r.appointment.bookingCode && (
                <>
                  {' · '}
                  <a href={`/ticket.html?code=${encodeURIComponent(r.appointment.bookingCode)}`}>
                    {t('referralQueueNumber', {
                      number: r.appointment.displayNumber,
                      code: r.appointment.bookingCode,
                    })}
                  </a>
                </>
              )}
            </dd>
          </>
        )}
      </dl>
      {r.feedbackGiven && <p>{t('referralFeedbackGiven')}</p>}
      {r.backReferral && (
        <p>
          {t('referralBack', {
            programme: r.backReferral.programmeName,
            number: r.backReferral.number,
          })}
        </p>
      )}
    </section>
  );
}
