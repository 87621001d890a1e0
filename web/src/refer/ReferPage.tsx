import { useEffect, useState } from 'preact/hooks';
import { ApiError, getJson, postJson, type FacilitySummary } from '../shared/api';
import { currentLang, translator, type MessageKey } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import type { ReferralView } from '../shared/referrals';
import { todayWib } from '../shared/saved-tickets';
import { useLiveReferrals } from '../shared/useLiveReferrals';
import { DestinationPicker, type Suggestion } from './DestinationPicker';
import { formProblems, referralRequest, type ReferralForm } from './referral-form';
import { SentList } from './SentList';
import { TaccPrompt } from './TaccPrompt';

interface Facility extends FacilitySummary {
  polis: Array<{ code: string; name: string; prefix: string; subspecialties?: string[] }>;
}
interface Diagnosis {
  code: string;
  name: string;
  nonSpecialist: boolean;
}

const t = translator(currentLang());
const facilityCode = new URLSearchParams(location.search).get('facility')?.toUpperCase() ?? '';
const enc = encodeURIComponent;

const emptyForm = (doctor = ''): ReferralForm => ({
  doctor,
  patientName: '',
  identifier: '',
  phone: '',
  diagnosisCode: '',
  poliCode: '',
  subspecialty: '',
  plannedVisitDate: todayWib(),
  destination: '',
  notes: '',
  tacc: null,
});

/**
 * The FKTP doctor's referral (`/refer.html?facility=<kode FKTP>`): patient, ICD-10 diagnosis
 * (looked up, with the TACC prompt for the FKTP's own diagnoses), poli and date, a hospital chosen
 * from ranked suggestions, sent once with an Idempotency-Key; below, the referrals sent, live.
 */
export function ReferPage() {
  const [facilities, setFacilities] = useState<Facility[]>([]);
  const [form, setForm] = useState<ReferralForm>(emptyForm());
  const [diagnosisInput, setDiagnosisInput] = useState('');
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [taccRequired, setTaccRequired] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  // One key per referral: a retried send after a lost answer gets the same referral back.
  const [attemptKey, setAttemptKey] = useState(() => crypto.randomUUID());
  const { referrals, live, reload } = useLiveReferrals(
    `/api/v1/facilities/${enc(facilityCode)}/referrals?limit=50`,
    facilityCode,
  );

  useEffect(() => {
    getJson<Facility[]>('/api/v1/facilities')
      .then(setFacilities)
      .catch((e: Error) => setError(e.message));
  }, []);

  const hospitals = facilities.filter((f) => f.type === 'FKRTL');
  const polis = new Map<string, { name: string; subspecialties: Set<string> }>();
  for (const h of hospitals) {
    for (const p of h.polis) {
      const entry = polis.get(p.code) ?? { name: p.name, subspecialties: new Set<string>() };
      for (const s of p.subspecialties ?? []) entry.subspecialties.add(s);
      polis.set(p.code, entry);
    }
  }
  const origin = facilities.find((f) => f.code === facilityCode);
  const hospitalName = (code: string) => facilities.find((f) => f.code === code)?.name ?? code;
  const needsTacc = taccRequired || diagnosis?.nonSpecialist === true;
  const set = (patch: Partial<ReferralForm>) => setForm((f) => ({ ...f, ...patch }));

  useEffect(() => {
    setSuggestions(null);
    if (!form.poliCode || !form.plannedVisitDate) return undefined;
    let current = true;
    const q = new URLSearchParams({
      origin: facilityCode,
      poli: form.poliCode,
      date: form.plannedVisitDate,
      ...(form.subspecialty ? { subspecialty: form.subspecialty } : {}),
    });
    getJson<{ suggestions: Suggestion[] }>(`/api/v1/referral-destinations?${q}`)
      .then((r) => {
        // An answer for an earlier poli or date is dropped; a choice still on the list stays.
        if (!current) return;
        setSuggestions(r.suggestions);
        setForm((f) =>
          r.suggestions.some((s) => s.facilityCode === f.destination)
            ? f
            : { ...f, destination: '' },
        );
      })
      .catch((e: Error) => setError(e.message));
    return () => {
      current = false;
    };
  }, [form.poliCode, form.subspecialty, form.plannedVisitDate]);

  const lookUp = async () => {
    const code = diagnosisInput.trim().toUpperCase();
    if (!code || code === form.diagnosisCode) return;
    setError(null);
    try {
      const d = await getJson<Diagnosis>(`/api/v1/diagnoses/${enc(code)}`);
      setDiagnosis(d);
      setTaccRequired(false);
      set({ diagnosisCode: d.code, tacc: null });
    } catch (e) {
      setDiagnosis(null);
      set({ diagnosisCode: '' });
      setError((e as Error).message);
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    setSent(null);
    const problems = formProblems(form, needsTacc, todayWib());
    if (problems.length > 0) {
      setError(
        t('referMissing', {
          fields: problems.map((p) => t(`problem_${p}` as MessageKey)).join(', '),
        }),
      );
      return;
    }
    setBusy(true);
    try {
      const created = await postJson<ReferralView>(
        '/api/v1/referrals',
        referralRequest(facilityCode, form, needsTacc),
        { 'idempotency-key': attemptKey },
      );
      setSent(t('referSentOk', { number: created.number }));
      setForm(emptyForm(form.doctor));
      setDiagnosisInput('');
      setDiagnosis(null);
      setTaccRequired(false);
      setAttemptKey(crypto.randomUUID());
      void reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'REFERRAL.TACC_REQUIRED') setTaccRequired(true);
      // A refusal is final for this attempt: the corrected form is a new request with a new key.
      if (err instanceof ApiError && err.status < 500) setAttemptKey(crypto.randomUUID());
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const poli = polis.get(form.poliCode);
  return (
    <main class="wide">
      <header class="status-line">
        <h1>{t('referTitle', { facility: origin?.name ?? facilityCode })}</h1>
        <LiveBadge state={live} t={t} />
      </header>
      <form class="card" onSubmit={(e) => void submit(e)} noValidate>
        <label for="doctor">{t('referDoctor')}</label>
        <input
          id="doctor"
          autocomplete="name"
          value={form.doctor}
          onInput={(e) => set({ doctor: e.currentTarget.value })}
        />
        <fieldset>
          <legend>{t('referPatient')}</legend>
          <label for="patient-name">{t('referPatientName')}</label>
          <input
            id="patient-name"
            autocomplete="off"
            value={form.patientName}
            onInput={(e) => set({ patientName: e.currentTarget.value })}
          />
          <label for="identifier">{t('referIdentifier')}</label>
          <input
            id="identifier"
            inputMode="numeric"
            autocomplete="off"
            value={form.identifier}
            onInput={(e) => set({ identifier: e.currentTarget.value.trim() })}
          />
          <label for="phone">{t('referPhone')}</label>
          <input
            id="phone"
            type="tel"
            inputMode="tel"
            autocomplete="off"
            value={form.phone}
            onInput={(e) => set({ phone: e.currentTarget.value.trim() })}
          />
        </fieldset>

        <label for="diagnosis">{t('referDiagnosis')}</label>
        <div class="inline">
          <input
            id="diagnosis"
            autocomplete="off"
            placeholder="J06.9"
            value={diagnosisInput}
            onInput={(e) => {
              setDiagnosisInput(e.currentTarget.value);
              setDiagnosis(null);
              set({ diagnosisCode: '' });
            }}
            onBlur={() => void lookUp()}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void lookUp();
              }
            }}
          />
          <button type="button" class="secondary" onClick={() => void lookUp()}>
            {t('referDiagnosisCheck')}
          </button>
        </div>
        {diagnosis && (
          <p data-testid="diagnosis-name">
            <strong>{diagnosis.code}</strong> {diagnosis.name}
          </p>
        )}
        {needsTacc && (
          <>
            <p class="alert" role="status">
              {t('referNonSpecialist')}
            </p>
            <TaccPrompt t={t} value={form.tacc} onChange={(tacc) => set({ tacc })} />
          </>
        )}

        <label for="poli">{t('referPoli')}</label>
        <select
          id="poli"
          value={form.poliCode}
          onChange={(e) => set({ poliCode: e.currentTarget.value, subspecialty: '' })}
        >
          <option value="">{t('choosePoli')}</option>
          {[...polis].map(([code, p]) => (
            <option key={code} value={code}>
              {p.name}
            </option>
          ))}
        </select>
        {poli && poli.subspecialties.size > 0 && (
          <>
            <label for="subspecialty">{t('referSubspecialty')}</label>
            <select
              id="subspecialty"
              value={form.subspecialty}
              onChange={(e) => set({ subspecialty: e.currentTarget.value })}
            >
              <option value="">{t('referNone')}</option>
              {[...poli.subspecialties].map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </>
        )}
        <label for="date">{t('referDate')}</label>
        <input
          id="date"
          type="date"
          min={todayWib()}
          value={form.plannedVisitDate}
          onChange={(e) => set({ plannedVisitDate: e.currentTarget.value })}
        />

        <h2>{t('referDestinations')}</h2>
        <DestinationPicker
          t={t}
          suggestions={suggestions}
          subspecialty={form.subspecialty}
          chosen={form.destination}
          onChoose={(destination) => set({ destination })}
        />

        <label for="notes">{t('referNotes')}</label>
        <textarea
          id="notes"
          rows={3}
          maxLength={2000}
          value={form.notes}
          onInput={(e) => set({ notes: e.currentTarget.value })}
        />

        {error && (
          <p class="error" role="alert" data-testid="refer-error">
            {error}
          </p>
        )}
        {sent && (
          <p class="ok" role="status" data-testid="refer-sent">
            {sent}
          </p>
        )}
        <p>
          <button type="submit" disabled={busy}>
            {busy ? t('referSending') : t('referSend')}
          </button>
        </p>
      </form>
      <SentList t={t} referrals={referrals} hospitalName={hospitalName} />
    </main>
  );
}
