import type { Translate } from '../shared/i18n';

export interface Suggestion {
  facilityCode: string;
  name: string;
  district: string;
  poliName: string;
  subspecialtyMatch: boolean;
  distanceKm: number | null;
  capacity: number;
  remainingQuota: number;
  loadPercent: number;
  available: boolean;
}

/**
 * Hospitals suggested by referral-service, best first, with what the doctor weighs: distance,
 * places left and load. Each is a toggle button, so the list works by keyboard too.
 */
export function DestinationPicker(props: {
  t: Translate;
  suggestions: Suggestion[] | null;
  /** The sub-specialty asked for, if any: only then does a match mean something. */
  subspecialty: string;
  chosen: string;
  onChoose: (code: string) => void;
}) {
  const { t, suggestions, subspecialty, chosen, onChoose } = props;
  if (!suggestions) return <p class="hint">{t('referChooseFirst')}</p>;
  if (suggestions.length === 0) return <p class="hint">{t('referNoDestinations')}</p>;
  return (
    <ul class="suggestions" data-testid="destinations">
      {suggestions.map((s) => {
        const selected = s.facilityCode === chosen;
        return (
          <li key={s.facilityCode}>
            <button
              type="button"
              class={selected ? 'suggestion chosen' : 'suggestion'}
              aria-pressed={selected}
              data-testid={`destination-${s.facilityCode}`}
              onClick={() => onChoose(s.facilityCode)}
            >
              <strong>{s.name}</strong>
              <span>
                {s.poliName} · {s.district}
              </span>
              <span>
                {s.distanceKm === null
                  ? t('referDistanceUnknown')
                  : t('referDistance', { km: s.distanceKm.toLocaleString() })}
                {' · '}
                {s.available
                  ? t('referQuota', { remaining: s.remainingQuota, capacity: s.capacity })
                  : t('referFull')}
                {' · '}
                {t('referLoad', { percent: s.loadPercent })}
                {subspecialty && s.subspecialtyMatch && ` · ${t('referSubspecialtyMatch')}`}
              </span>
              {selected && <span class="badge">{t('referChosen')}</span>}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
