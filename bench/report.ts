/** Statistics and the written report of the page bench (no I/O). */

export interface Sample {
  loadMs: number;
  fcpMs: number | null;
  bytes: number;
}

export interface Summary {
  median: number | null;
  p95: number | null;
}

export interface ModeResult {
  runs: number;
  loadMs: Summary;
  fcpMs: Summary;
  bytes: Summary;
  /** Medians over the baseline's medians of the same mode and run. */
  ratio: { loadMs: number | null; fcpMs: number | null; bytes: number | null };
  samples: Sample[];
}

export interface PageResult {
  page: string;
  url: string;
  cold: ModeResult;
  warm: ModeResult;
  consoleErrors: string[];
}

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  os: string;
  /** 1-minute load average when the run started and ended: other work on the machine skews times. */
  loadAverage: { start: number; end: number };
  node: string;
  chromium: string;
}

export interface BenchResult {
  startedAt: string;
  durationS: number;
  runs: number;
  machine: Machine;
  baseline: PageResult;
  pages: PageResult[];
}

/** Nearest-rank percentile (p in 0..100) of the numbers given; null when there are none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values: number[]): Summary {
  return { median: percentile(values, 50), p95: percentile(values, 95) };
}

const ratioOf = (value: number | null, base: number | null): number | null =>
  value === null || base === null || base === 0 ? null : Math.round((value / base) * 100) / 100;

export function modeResult(samples: Sample[], baseline?: ModeResult): ModeResult {
  const loadMs = summarize(samples.map((s) => s.loadMs));
  const fcpMs = summarize(samples.flatMap((s) => (s.fcpMs === null ? [] : [s.fcpMs])));
  const bytes = summarize(samples.map((s) => s.bytes));
  const base = baseline ?? { loadMs, fcpMs, bytes };
  return {
    runs: samples.length,
    loadMs,
    fcpMs,
    bytes,
    ratio: {
      loadMs: ratioOf(loadMs.median, base.loadMs.median),
      fcpMs: ratioOf(fcpMs.median, base.fcpMs.median),
      bytes: ratioOf(bytes.median, base.bytes.median),
    },
    samples,
  };
}

const ms = (n: number | null) => (n === null ? '—' : `${Math.round(n)}`);
const kb = (n: number | null) => (n === null ? '—' : (n / 1024).toFixed(1));
const x = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)}×`);

function row(r: PageResult, mode: 'cold' | 'warm'): string {
  const m = r[mode];
  return `| ${r.page} | ${mode} | ${ms(m.loadMs.median)} / ${ms(m.loadMs.p95)} | ${x(m.ratio.loadMs)} | ${ms(m.fcpMs.median)} / ${ms(m.fcpMs.p95)} | ${x(m.ratio.fcpMs)} | ${kb(m.bytes.median)} | ${x(m.ratio.bytes)} |`;
}

export function markdownReport(result: BenchResult): string {
  const m = result.machine;
  return [
    '# Page-load bench',
    '',
    `Run ${result.startedAt} (${result.durationS} s), ${result.runs} runs per page and mode, by \`npm run bench:pages\`.`,
    'Times are milliseconds, median / p95; bytes are kilobytes transferred (median); ratios are',
    "medians over the same run's baseline (a bare static page served by the same gateway).",
    '',
    '| page | cache | load ms (median / p95) | load × baseline | FCP ms (median / p95) | FCP × baseline | KiB | bytes × baseline |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...[result.baseline, ...result.pages].flatMap((r) => [row(r, 'cold'), row(r, 'warm')]),
    '',
    '## Machine',
    '',
    `- CPU: ${m.cpuModel}, ${m.cores} cores`,
    `- Memory: ${m.memoryGiB} GiB`,
    `- OS: ${m.os}`,
    `- Load average (1 min): ${m.loadAverage.start} at the start, ${m.loadAverage.end} at the end`,
    `- Node.js: ${m.node}`,
    `- Chromium: ${m.chromium} (headless, via playwright-core)`,
    '',
  ].join('\n');
}
