/** A small dependency-free SVG line chart (log axes optional) for the report. */
export interface Series {
  name: string;
  color: string;
  points: Array<[number, number]>;
}

const W = 720;
const H = 330;
const M = { left: 64, right: 150, top: 34, bottom: 44 };

function scale(min: number, max: number, from: number, to: number, log: boolean) {
  const f = (v: number) => (log ? Math.log10(Math.max(v, 1e-9)) : v);
  const a = f(min);
  const b = f(max);
  return (v: number): number => from + ((f(v) - a) / (b - a || 1)) * (to - from);
}

function ticks(min: number, max: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
      for (const m of [1, 2, 5]) {
        const v = m * 10 ** e;
        if (v >= min && v <= max) out.push(v);
      }
    }
    return out;
  }
  const step = 10 ** Math.floor(Math.log10((max - min) / 4 || 1));
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max; v += step) out.push(v);
  return out.length > 8 ? out.filter((_, i) => i % 2 === 0) : out;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** One chart as an SVG <g>, translated by `dy`. */
export function chart(
  title: string,
  xLabel: string,
  yLabel: string,
  series: Series[],
  opts: { logX?: boolean; logY?: boolean; dy?: number; hLine?: { y: number; label: string } },
): string {
  const pts = series.flatMap((s) => s.points).filter(([x, y]) => x > 0 && y > 0);
  if (pts.length === 0) return '';
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]).concat(opts.hLine ? [opts.hLine.y] : []);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [opts.logY ? Math.min(...ys) : 0, Math.max(...ys) * 1.05];
  const sx = scale(x0, x1, M.left, W - M.right, Boolean(opts.logX));
  const sy = scale(y0, y1, H - M.bottom, M.top, Boolean(opts.logY));
  const out: string[] = [`<g transform="translate(0,${opts.dy ?? 0})">`];
  out.push(`<text x="${M.left}" y="20" font-size="14" font-weight="bold">${esc(title)}</text>`);
  for (const t of ticks(x0, x1, Boolean(opts.logX))) {
    out.push(
      `<line x1="${sx(t)}" x2="${sx(t)}" y1="${M.top}" y2="${H - M.bottom}" stroke="#eee"/>`,
      `<text x="${sx(t)}" y="${H - M.bottom + 16}" font-size="11" text-anchor="middle">${t}</text>`,
    );
  }
  for (const t of ticks(Math.max(y0, opts.logY ? y0 : 0), y1, Boolean(opts.logY))) {
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${sy(t)}" y2="${sy(t)}" stroke="#eee"/>`,
      `<text x="${M.left - 6}" y="${sy(t) + 4}" font-size="11" text-anchor="end">${t}</text>`,
    );
  }
  out.push(
    `<text x="${(M.left + W - M.right) / 2}" y="${H - 8}" font-size="12" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text x="14" y="${(M.top + H - M.bottom) / 2}" font-size="12" text-anchor="middle" transform="rotate(-90 14 ${(M.top + H - M.bottom) / 2})">${esc(yLabel)}</text>`,
    `<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#999"/>`,
  );
  if (opts.hLine) {
    const y = sy(opts.hLine.y);
    out.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#c00" stroke-dasharray="4 3"/>`,
      `<text x="${W - M.right - 4}" y="${y - 4}" font-size="11" text-anchor="end" fill="#c00">${esc(opts.hLine.label)}</text>`,
    );
  }
  series.forEach((s, i) => {
    const p = s.points.filter(([x, y]) => x > 0 && y > 0);
    if (p.length) {
      out.push(
        `<polyline fill="none" stroke="${s.color}" stroke-width="2" points="${p.map(([x, y]) => `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`).join(' ')}"/>`,
        ...p.map(
          ([x, y]) =>
            `<circle cx="${sx(x).toFixed(1)}" cy="${sy(y).toFixed(1)}" r="3" fill="${s.color}"/>`,
        ),
      );
    }
    const ly = M.top + 14 + i * 18;
    out.push(
      `<line x1="${W - M.right + 12}" x2="${W - M.right + 32}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="3"/>`,
      `<text x="${W - M.right + 38}" y="${ly}" font-size="12">${esc(s.name)}</text>`,
    );
  });
  out.push('</g>');
  return out.join('\n');
}

export function svg(parts: string[]): string {
  const body = parts.filter(Boolean);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H * body.length}" font-family="sans-serif" viewBox="0 0 ${W} ${H * body.length}">
<rect width="100%" height="100%" fill="white"/>
${body.join('\n')}
</svg>
`;
}

export const CHART_HEIGHT = H;
