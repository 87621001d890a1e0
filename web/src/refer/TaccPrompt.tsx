import type { Translate, MessageKey } from '../shared/i18n';
import { TACC_CODES, taccReasons, type TaccCode } from './referral-form';

/**
 * Asked when the diagnosis is one the FKTP should treat itself: why the patient is referred
 * anyway (Time, Age, Complication, Comorbidity), as BPJS's kdTacc and alasanTacc.
 */
export function TaccPrompt(props: {
  t: Translate;
  value: { code: TaccCode; reason: string } | null;
  onChange: (value: { code: TaccCode; reason: string }) => void;
}) {
  const { t, value, onChange } = props;
  const code = value?.code;
  const reasons = code ? taccReasons(code) : [];
  return (
    <fieldset class="tacc" data-testid="tacc-prompt" role="group" aria-labelledby="tacc-title">
      <legend id="tacc-title">{t('referTaccTitle')}</legend>
      <p>{t('referTaccHint')}</p>
      <label for="tacc-code">{t('referTaccCode')}</label>
      <select
        id="tacc-code"
        value={code ?? ''}
        onChange={(e) => {
          const next = Number(e.currentTarget.value) as TaccCode;
          onChange({ code: next, reason: taccReasons(next)[0] ?? '' });
        }}
      >
        <option value="">—</option>
        {TACC_CODES.map((c) => (
          <option key={c} value={c}>
            {t(`tacc_${c}` as MessageKey)}
          </option>
        ))}
      </select>
      {code === 3 && (
        <>
          <label for="tacc-reason">{t('referTaccComplication')}</label>
          <input
            id="tacc-reason"
            autocomplete="off"
            placeholder="E11.5 - Ulkus diabetik"
            value={value?.reason ?? ''}
            onInput={(e) => onChange({ code, reason: e.currentTarget.value })}
          />
        </>
      )}
      {code !== undefined && code !== 3 && (
        <>
          <label for="tacc-reason">{t('referTaccReason')}</label>
          <select
            id="tacc-reason"
            value={value?.reason ?? ''}
            onChange={(e) => onChange({ code, reason: e.currentTarget.value })}
          >
            {reasons.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </>
      )}
    </fieldset>
  );
}
