import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson } from '../shared/api';
import { useDebounced, useLive } from '../shared/hooks';
import { currentLang, formatTime, stationLabel, translator } from '../shared/i18n';
import { LiveBadge } from '../shared/LiveBadge';
import type { LiveMessage } from '../shared/live';
import { barOptions, ChartCanvas, SERIES } from './charts';
import {
  districtTotals,
  formatPercent as pct,
  meanWait,
  percent,
  STATIONS,
  todayInJakarta,
  type Dashboard,
  type DistrictOption,
} from './dashboard-model';
import { FacilityMap } from './FacilityMap';
import { FacilityTable } from './FacilityTable';

const lang = currentLang();
const t = translator(lang);
const stationName = (s: string) => stationLabel(t, s);
const params = new URLSearchParams(location.search);
const district = params.get('district')?.trim() ?? '';
const dateParam = params.get('date')?.trim() ?? '';

/**
 * The district health office's dashboard (`/dashboard.html?district=<nama>&date=YYYY-MM-DD`): per
 * facility the waiting time per station, no-shows, online share and (FKTP) the RRNS, as a table,
 * charts and an offline map. It re-reads once after a burst of pushed queue events of its
 * facilities (debounced) or on the refresh button; nothing polls.
 */
export function DashboardPage() {
  const [data, setData] = useState<Dashboard | null>(null);
  const [districts, setDistricts] = useState<DistrictOption[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loadedAt, setLoadedAt] = useState<string | null>(null);
  const [focus, setFocus] = useState<{ code: string } | null>(null);

  const load = async () => {
    if (!district) return;
    const query = dateParam ? `?date=${encodeURIComponent(dateParam)}` : '';
    try {
      setData(
        await getJson<Dashboard>(
          `/api/v1/districts/${encodeURIComponent(district)}/dashboard${query}`,
        ),
      );
      setLoadedAt(new Date().toISOString());
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const reload = useDebounced(() => void load(), 1500);
  useEffect(() => {
    void load();
    getJson<DistrictOption[]>('/api/v1/districts').then(setDistricts, () => setDistricts([]));
  }, []);

  const codes = data?.facilities.map((f) => f.code).join(',') ?? '';
  const subscriptions = useMemo(
    () =>
      codes
        ? codes.split(',').map((facilityCode) => ({
            event: 'subscribe' as const,
            data: { facilityCode },
          }))
        : null,
    [codes],
  );
  // Only today's figures move with the push; a past day is read once (or refreshed by hand).
  const isToday = data !== null && data.date === todayInJakarta();
  const live = useLive(isToday ? subscriptions : null, (m: LiveMessage) => {
    if (m.event.startsWith('queue.')) reload();
  });

  return (
    <main class="dashboard">
      <header class="dash-header">
        <h1>{district ? t('dashTitle', { district }) : t('dashPickTitle')}</h1>
        {isToday && <LiveBadge state={live} t={t} />}
      </header>
      <form class="dash-form" method="get" action="/dashboard.html">
        <div>
          <label for="district">{t('dashDistrict')}</label>
          <select id="district" name="district" required>
            <option value="">{t('dashChooseDistrict')}</option>
            {districts.map((d) => (
              <option key={d.district} value={d.district} selected={d.district === district}>
                {t('dashDistrictOption', { district: d.district, n: d.facilities })}
              </option>
            ))}
            {district && !districts.some((d) => d.district === district) && (
              <option value={district} selected>
                {district}
              </option>
            )}
          </select>
        </div>
        <div>
          <label for="date">{t('dashDate')}</label>
          <input
            id="date"
            name="date"
            type="date"
            value={data?.date ?? (dateParam || todayInJakarta())}
          />
        </div>
        <input type="hidden" name="lang" value={lang} />
        <div class="dash-buttons">
          <button type="submit">{t('dashShow')}</button>
          {district && (
            <button
              type="button"
              class="secondary"
              data-testid="refresh"
              onClick={() => void load()}
            >
              {t('dashRefresh')}
            </button>
          )}
        </div>
      </form>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {district && !data && !error && <p>{t('loading')}</p>}
      {data && <DashboardBody data={data} focus={focus} onFocus={setFocus} />}
      {loadedAt && (
        <p class="muted" data-testid="updated">
          {t('dashUpdated', { time: formatTime(loadedAt, lang) })}
        </p>
      )}
    </main>
  );
}

function DashboardBody({
  data,
  focus,
  onFocus,
}: {
  data: Dashboard;
  focus: { code: string } | null;
  onFocus: (focus: { code: string }) => void;
}) {
  const rows = data.facilities;
  const totals = districtTotals(rows);
  const names = rows.map((f) => f.name);
  const fktp = rows.filter((f) => f.rrns !== null);
  const charts = useMemo(
    () => ({
      wait: {
        type: 'bar' as const,
        data: {
          labels: names,
          datasets: STATIONS.map((s, i) => ({
            label: stationName(s),
            data: rows.map((f) => meanWait(f, s)),
            backgroundColor: SERIES[i],
          })),
        },
        options: barOptions(t('dashMinutes', { n: '' }).trim()),
      },
      rates: {
        type: 'bar' as const,
        data: {
          labels: names,
          datasets: [
            {
              label: t('dashNoShowRate'),
              data: rows.map((f) => percent(f.noShowRate)),
              backgroundColor: SERIES[1],
            },
            {
              label: t('dashOnlineShare'),
              data: rows.map((f) => percent(f.onlineShare)),
              backgroundColor: SERIES[0],
            },
          ],
        },
        options: barOptions('%', 100),
      },
      rrns: {
        type: 'bar' as const,
        data: {
          labels: fktp.map((f) => f.name),
          datasets: [
            {
              type: 'bar' as const,
              label: t('dashRrns'),
              data: fktp.map((f) => f.rrns!.ratioPercent),
              backgroundColor: fktp.map((f) => (f.rrns!.withinTarget ? SERIES[2] : '#b00020')),
            },
            {
              type: 'line' as const,
              label: t('dashRrnsTarget', { target: data.rrnsTargetPercent }),
              data: fktp.map(() => data.rrnsTargetPercent),
              borderColor: '#101418',
              borderDash: [6, 4],
              borderWidth: 2,
              pointRadius: 0,
            },
          ],
        },
        options: barOptions('%'),
      },
    }),
    [data],
  );
  if (rows.length === 0) return <p>{t('dashNoFacilities')}</p>;

  return (
    <>
      <dl class="facts dash-totals" data-testid="totals">
        <div>
          <dt>{t('dashTickets')}</dt>
          <dd data-testid="total-tickets">{totals.tickets}</dd>
        </div>
        <div>
          <dt>{t('dashCheckedIn')}</dt>
          <dd>{totals.checkedIn}</dd>
        </div>
        <div>
          <dt>{t('dashNoShows')}</dt>
          <dd data-testid="total-no-shows">{totals.noShows}</dd>
        </div>
        <div>
          <dt>{t('dashOnlineShare')}</dt>
          <dd>{pct(totals.onlineShare)}</dd>
        </div>
      </dl>

      <section class="card">
        <h2 id="table-title">{t('dashTableTitle')}</h2>
        <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="table-title">
          <FacilityTable rows={rows} onFocus={onFocus} t={t} />
        </div>
      </section>

      <div class="dash-grid">
        <section class="card">
          <h2>{t('dashWaitTitle')}</h2>
          <ChartCanvas config={charts.wait} label={t('dashChartAlt')} testId="chart-wait" />
        </section>
        <section class="card">
          <h2>{t('dashRatesTitle')}</h2>
          <ChartCanvas config={charts.rates} label={t('dashChartAlt')} testId="chart-rates" />
        </section>
        <section class="card">
          <h2>{t('dashRrnsTitle', { month: data.month, target: data.rrnsTargetPercent })}</h2>
          {!data.rrnsAvailable && <p class="alert">{t('dashRrnsUnavailable')}</p>}
          <ChartCanvas config={charts.rrns} label={t('dashChartAlt')} testId="chart-rrns" />
        </section>
        <section class="card">
          <h2>{t('dashMapTitle')}</h2>
          <p class="muted">{t('dashMapHint')}</p>
          <FacilityMap facilities={rows} t={t} stationName={stationName} focus={focus} />
        </section>
      </div>
    </>
  );
}
