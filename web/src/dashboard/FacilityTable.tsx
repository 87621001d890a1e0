import { stationLabel, type Translate } from '../shared/i18n';
import {
  formatNumber as num,
  formatPercent as pct,
  meanWait,
  STATIONS,
  type FacilityRow,
} from './dashboard-model';

/** Every figure of the charts, per facility; a facility's name opens its popup on the map. */
export function FacilityTable({
  rows,
  onFocus,
  t,
}: {
  rows: FacilityRow[];
  onFocus: (focus: { code: string }) => void;
  t: Translate;
}) {
  const stationName = (s: string) => stationLabel(t, s);
  return (
    <table class="dash-table" data-testid="facility-table">
      <thead>
        <tr>
          <th scope="col">{t('dashFacility')}</th>
          <th scope="col">{t('dashType')}</th>
          <th scope="col">{t('dashTickets')}</th>
          <th scope="col">{t('dashCheckedIn')}</th>
          <th scope="col">{t('dashNoShows')}</th>
          <th scope="col">{t('dashOnlineShare')}</th>
          {STATIONS.map((s) => (
            <th scope="col" key={s}>
              {stationName(s)} ({t('dashMinutes', { n: '' }).trim()})
            </th>
          ))}
          <th scope="col">{t('dashQuotaUse')}</th>
          <th scope="col">{t('dashRrns')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((f) => (
          <tr key={f.code} data-testid={`row-${f.code}`}>
            <th scope="row">
              <button
                type="button"
                class="link"
                title={t('dashShowOnMap', { name: f.name })}
                onClick={() => onFocus({ code: f.code })}
              >
                {f.name}
              </button>
              <span class="muted code">{f.code}</span>
            </th>
            <td>{f.type}</td>
            <td data-testid="tickets">{f.tickets}</td>
            <td data-testid="checked-in">{f.checkedIn}</td>
            <td data-testid="no-shows">
              {f.noShows} ({pct(f.noShowRate)})
            </td>
            <td data-testid="online-share">{pct(f.onlineShare)}</td>
            {STATIONS.map((s) => (
              <td key={s} data-testid={`wait-${s}`}>
                {num(meanWait(f, s))}
              </td>
            ))}
            <td>{pct(f.quotaUse)}</td>
            <td data-testid="rrns" class={f.rrns && !f.rrns.withinTarget ? 'over-target' : ''}>
              {f.rrns ? `${num(f.rrns.ratioPercent, 2)} %` : '—'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
