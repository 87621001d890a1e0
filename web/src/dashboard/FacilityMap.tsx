import {
  circleMarker,
  latLngBounds,
  map as leafletMap,
  type CircleMarker,
  type Map,
} from 'leaflet';
import { useEffect, useRef } from 'preact/hooks';
import type { Translate } from '../shared/i18n';
import {
  BAND_COLOUR,
  located,
  longestWait,
  meanWait,
  STATIONS,
  waitBand,
  type FacilityRow,
  type WaitBand,
} from './dashboard-model';

const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(1));

function popupOf(f: FacilityRow, t: Translate, stationName: (s: string) => string): HTMLElement {
  // Built as DOM nodes, never HTML strings: facility names are data.
  const box = document.createElement('div');
  const title = document.createElement('strong');
  title.textContent = `${f.name} (${f.code})`;
  box.append(title);
  const lines = [
    `${t('dashTickets')}: ${f.tickets}`,
    ...STATIONS.map((s) => `${stationName(s)}: ${t('dashMinutes', { n: fmt(meanWait(f, s)) })}`),
  ];
  for (const line of lines) {
    const p = document.createElement('div');
    p.textContent = line;
    box.append(p);
  }
  return box;
}

/**
 * The district's facilities on a map that needs no internet: no tile layer at all, only circle
 * markers (SVG) at their coordinates, coloured by the longest mean wait, fitted to their bounds.
 * `focus` opens one facility's popup (the table's buttons use it, so the map works by keyboard).
 */
export function FacilityMap({
  facilities,
  t,
  stationName,
  focus,
}: {
  facilities: FacilityRow[];
  t: Translate;
  stationName: (s: string) => string;
  /** A new object each time a facility is chosen, so choosing the same one again reopens it. */
  focus: { code: string } | null;
}) {
  const el = useRef<HTMLDivElement>(null);
  const map = useRef<Map | null>(null);
  const markers = useRef(new globalThis.Map<string, CircleMarker>());

  useEffect(() => {
    if (!el.current) return undefined;
    // No animations: a dashboard on an office PC or a cheap laptop should settle at once.
    map.current = leafletMap(el.current, {
      zoomSnap: 0.25,
      attributionControl: false,
      fadeAnimation: false,
      zoomAnimation: false,
      markerZoomAnimation: false,
    });
    return () => map.current?.remove();
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m) return;
    for (const marker of markers.current.values()) marker.remove();
    markers.current.clear();
    const points = located(facilities);
    for (const f of points) {
      const band = waitBand(longestWait(f));
      const marker = circleMarker([f.latitude, f.longitude], {
        radius: f.type === 'FKRTL' ? 11 : 8,
        color: '#101418',
        weight: 2,
        fillColor: BAND_COLOUR[band],
        fillOpacity: 0.9,
        className: `facility-marker band-${band}`,
      })
        .bindPopup(popupOf(f, t, stationName))
        .bindTooltip(f.name)
        .addTo(m);
      markers.current.set(f.code, marker);
    }
    if (points.length) {
      m.fitBounds(latLngBounds(points.map((f) => [f.latitude, f.longitude])).pad(0.2), {
        maxZoom: 13,
      });
    } else {
      m.setView([-2.5, 118], 4); // Indonesia
    }
  }, [facilities]);

  useEffect(() => {
    if (!focus) return;
    el.current?.scrollIntoView({ block: 'nearest' });
    markers.current.get(focus.code)?.openPopup();
  }, [focus]);

  const bands: WaitBand[] = ['short', 'mid', 'long', 'none'];
  const legend: Record<WaitBand, string> = {
    short: t('dashLegendShort'),
    mid: t('dashLegendMid'),
    long: t('dashLegendLong'),
    none: t('dashLegendNone'),
  };
  return (
    <>
      <div
        ref={el}
        class="facility-map"
        data-testid="facility-map"
        aria-label={t('dashMapTitle')}
      />
      <ul class="map-legend">
        {bands.map((b) => (
          <li key={b}>
            <span class="swatch" style={{ background: BAND_COLOUR[b] }} aria-hidden="true" />
            {legend[b]}
          </li>
        ))}
      </ul>
    </>
  );
}
