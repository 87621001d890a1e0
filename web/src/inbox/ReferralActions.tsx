import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { getJson } from '../shared/api';
import type { Translate } from '../shared/i18n';
import type { ReferralView } from '../shared/referrals';
import { verbsFor, type Verb } from './inbox-actions';

interface Session {
  doctorCode: string;
  doctorName: string;
  practiceHours: string;
  absent: boolean;
}

type Form = 'accept' | 'decline' | 'complete' | 'back-referral' | null;

/** PRB programmes (rujuk balik), as referral-service takes them. */
const PRB = [
  ['01', 'Diabetes melitus'],
  ['02', 'Hipertensi'],
  ['03', 'Asma'],
  ['04', 'Penyakit jantung'],
  ['05', 'PPOK'],
  ['06', 'Skizofrenia'],
  ['07', 'Stroke'],
  ['08', 'Epilepsi'],
  ['09', 'SLE'],
] as const;

/**
 * One referral's buttons, and the small form the next step needs (a date and a doctor to accept,
 * a reason to decline, the feedback to complete, a programme to refer back).
 */
export function ReferralActions(props: {
  t: Translate;
  referral: ReferralView;
  hospital: string;
  polis: Array<{ code: string; name: string }>;
  busy: boolean;
  act: (verb: Verb, body?: unknown) => Promise<boolean>;
}) {
  const { t, referral: r, hospital, polis, busy, act } = props;
  const [open, setOpen] = useState<Form>(null);
  const [visitDate, setVisitDate] = useState(r.plannedVisitDate);
  const [poliCode, setPoliCode] = useState(r.poliCode);
  const [sessions, setSessions] = useState<Session[]>([]);
  const [session, setSession] = useState('');
  const [reason, setReason] = useState('');
  const [feedback, setFeedback] = useState({ diagnosis: '', treatmentSummary: '', followUp: '' });
  const [programme, setProgramme] = useState('01');
  const [notes, setNotes] = useState('');

  useEffect(() => {
    if (open !== 'accept') return;
    const q = new URLSearchParams({ poliCode, date: visitDate });
    getJson<Session[]>(`/api/v1/facilities/${encodeURIComponent(hospital)}/sessions?${q}`).then(
      setSessions,
      () => setSessions([]),
    );
  }, [open, poliCode, visitDate]);

  const run = async (verb: Verb, body?: unknown) => {
    if (await act(verb, body)) setOpen(null);
  };
  const id = (name: string) => `${name}-${r.id}`;
  const button = (verb: Verb, label: string, form?: Form, secondary = false) => (
    <button
      key={verb}
      type="button"
      class={secondary ? 'secondary' : undefined}
      disabled={busy}
      aria-expanded={form ? open === form : undefined}
      onClick={() => (form ? setOpen(open === form ? null : form) : void run(verb))}
    >
      {label}
    </button>
  );
  const labels: Record<Verb, () => JSX.Element> = {
    receive: () => button('receive', t('inboxReceive')),
    accept: () => button('accept', t('inboxAccept'), 'accept'),
    decline: () => button('decline', t('inboxDecline'), 'decline', true),
    attend: () => button('attend', t('inboxAttend')),
    'no-show': () => button('no-show', t('inboxNoShow'), undefined, true),
    complete: () => button('complete', t('inboxComplete'), 'complete'),
    'back-referral': () => button('back-referral', t('inboxBackReferral'), 'back-referral'),
  };

  const [doctorCode, practiceHours] = session.split('|');
  return (
    <div>
      <p class="actions">{verbsFor(r.status).map((v) => labels[v]())}</p>
      {open === 'accept' && (
        <form
          class="subform"
          onSubmit={(e) => {
            e.preventDefault();
            void run('accept', {
              visitDate,
              ...(poliCode !== r.poliCode ? { poliCode } : {}),
              ...(doctorCode ? { doctorCode, practiceHours } : {}),
            });
          }}
        >
          <label for={id('visit')}>{t('inboxVisitDate')}</label>
          <input
            id={id('visit')}
            type="date"
            required
            value={visitDate}
            onChange={(e) => setVisitDate(e.currentTarget.value)}
          />
          <label for={id('poli')}>{t('poli')}</label>
          <select
            id={id('poli')}
            value={poliCode}
            onChange={(e) => setPoliCode(e.currentTarget.value)}
          >
            {polis.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
          <label for={id('doctor')}>{t('inboxDoctor')}</label>
          <select
            id={id('doctor')}
            value={session}
            onChange={(e) => setSession(e.currentTarget.value)}
          >
            <option value="">{t('inboxAnyDoctor')}</option>
            {sessions
              .filter((s) => !s.absent)
              .map((s) => (
                <option
                  key={`${s.doctorCode}|${s.practiceHours}`}
                  value={`${s.doctorCode}|${s.practiceHours}`}
                >
                  {s.doctorName}, {s.practiceHours}
                </option>
              ))}
          </select>
          <p class="actions">
            <button type="submit" disabled={busy}>
              {t('inboxAcceptConfirm')}
            </button>
          </p>
        </form>
      )}
      {open === 'decline' && (
        <form
          class="subform"
          onSubmit={(e) => {
            e.preventDefault();
            void run('decline', { reason: reason.trim() });
          }}
        >
          <label for={id('reason')}>{t('inboxReason')}</label>
          <input
            id={id('reason')}
            required
            minLength={3}
            maxLength={500}
            value={reason}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
          <p class="actions">
            <button type="submit" disabled={busy}>
              {t('inboxDeclineConfirm')}
            </button>
          </p>
        </form>
      )}
      {open === 'complete' && (
        <form
          class="subform"
          onSubmit={(e) => {
            e.preventDefault();
            void run('complete', { feedback });
          }}
        >
          {(
            [
              ['diagnosis', t('inboxFeedbackDiagnosis')],
              ['treatmentSummary', t('inboxFeedbackTreatment')],
              ['followUp', t('inboxFeedbackFollowUp')],
            ] as const
          ).map(([key, label]) => (
            <div key={key}>
              <label for={id(key)}>{label}</label>
              <textarea
                id={id(key)}
                required
                minLength={2}
                rows={2}
                value={feedback[key]}
                onInput={(e) => setFeedback({ ...feedback, [key]: e.currentTarget.value })}
              />
            </div>
          ))}
          <p class="actions">
            <button type="submit" disabled={busy}>
              {t('inboxCompleteConfirm')}
            </button>
          </p>
        </form>
      )}
      {open === 'back-referral' && (
        <form
          class="subform"
          onSubmit={(e) => {
            e.preventDefault();
            void run('back-referral', { programme, notes: notes.trim() });
          }}
        >
          <label for={id('programme')}>{t('inboxProgramme')}</label>
          <select
            id={id('programme')}
            value={programme}
            onChange={(e) => setProgramme(e.currentTarget.value)}
          >
            {PRB.map(([code, name]) => (
              <option key={code} value={code}>
                {code} {name}
              </option>
            ))}
          </select>
          <label for={id('notes')}>{t('inboxNotes')}</label>
          <textarea
            id={id('notes')}
            required
            minLength={2}
            rows={2}
            value={notes}
            onInput={(e) => setNotes(e.currentTarget.value)}
          />
          <p class="actions">
            <button type="submit" disabled={busy}>
              {t('inboxBackReferralConfirm')}
            </button>
          </p>
        </form>
      )}
    </div>
  );
}
