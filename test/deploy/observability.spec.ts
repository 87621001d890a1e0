/**
 * The Grafana dashboard (ops/grafana) and the alert rules (the PrometheusRule of the production
 * overlay) may only query metrics that exist: the ones the apps register with prom-client (read
 * from the source), prom-client's default process metrics, and a short list of metrics from
 * Prometheus itself and kube-state-metrics. Alerts also need a runbook that exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { isObj, readDocuments, text, type Json, type Obj } from './kustomize';

const ROOT = resolve(__dirname, '../..');
const DASHBOARD = join(ROOT, 'ops/grafana/antrean-rujukan.json');
const RULES = join(ROOT, 'k8s/overlays/production/prometheus-rule.yaml');
const RUNBOOKS = join(ROOT, 'docs/operations.md');

/** Not from our code: Prometheus' scrape health and kube-state-metrics. */
const EXTERNAL_METRICS = [
  'up',
  'kube_pod_status_ready',
  'kube_pod_container_status_restarts_total',
];

const SUFFIXES: Record<string, string[]> = {
  counter: [''],
  gauge: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

/** Metric names registered in apps/ and libs/ (`new Counter|Gauge|Histogram|Summary({ name })`). */
function registeredMetrics(): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && !['generated', 'node_modules'].includes(entry.name)) walk(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) {
        const source = readFileSync(path, 'utf8');
        for (const m of source.matchAll(
          /new (Counter|Gauge|Histogram|Summary)\s*(?:<[^>]*>)?\s*\(\s*\{\s*name:\s*'([a-zA-Z_:][\w:]*)'/g,
        )) {
          for (const suffix of SUFFIXES[m[1].toLowerCase()]) names.add(`${m[2]}${suffix}`);
        }
      }
    }
  };
  walk(join(ROOT, 'apps'));
  walk(join(ROOT, 'libs'));
  return names;
}

async function defaultMetrics(): Promise<string[]> {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const metrics = await registry.getMetricsAsJSON();
  return metrics.flatMap((m) => (SUFFIXES[m.type] ?? ['']).map((suffix) => `${m.name}${suffix}`));
}

const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'inf', 'nan', 'le']);

/** The metric names a PromQL expression selects (enough PromQL for the queries we write). */
export function metricsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // strings
    .replace(/\{[^}]*\}/g, '') // label matchers
    .replace(/\[[^\]]*\]/g, '') // ranges and subqueries
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '') // label lists
    .replace(/\$\{?\w+\}?/g, ''); // Grafana variables
  return [...stripped.matchAll(/[a-zA-Z_:][\w:]*(?![\w:]|\s*\()/g)]
    .map((m) => m[0])
    .filter((w) => !KEYWORDS.has(w.toLowerCase()) && !/^\d/.test(w))
    .filter((w, i, all) => all.indexOf(w) === i);
}

function dashboardExpressions(): { panel: string; expr: string }[] {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Obj;
  const panels = (dashboard.panels as Json[]).filter(isObj);
  return panels.flatMap((p) =>
    (Array.isArray(p.targets) ? p.targets : [])
      .filter(isObj)
      .map((t) => ({ panel: text(p.title), expr: text(t.expr) })),
  );
}

function alertRules(): Obj[] {
  const [rule] = readDocuments(RULES);
  const groups = (isObj(rule.spec) && Array.isArray(rule.spec.groups) ? rule.spec.groups : [])
    .filter(isObj)
    .flatMap((g) => (Array.isArray(g.rules) ? g.rules : []))
    .filter(isObj);
  return groups;
}

describe('dashboard and alert rules', () => {
  let known: Set<string>;
  beforeAll(async () => {
    known = new Set([...registeredMetrics(), ...(await defaultMetrics()), ...EXTERNAL_METRICS]);
  });

  it('finds the metrics the code registers', () => {
    const registered = registeredMetrics();
    for (const name of [
      'http_request_duration_seconds_bucket',
      'events_published_total',
      'events_consumed_total',
      'notification_deliveries_total',
    ])
      expect(registered).toContain(name);
  });

  it('the dashboard parses and queries only metrics that exist', () => {
    const exprs = dashboardExpressions();
    expect(exprs.length).toBeGreaterThan(10);
    for (const { panel, expr } of exprs) {
      const unknown = metricsIn(expr).filter((m) => !known.has(m));
      expect({ panel, expr, unknown }).toEqual({ panel, expr, unknown: [] });
    }
  });

  it('the dashboard shows traffic, latency, lag, outbox, queues, notifications and dead letters', () => {
    const used = new Set(dashboardExpressions().flatMap(({ expr }) => metricsIn(expr)));
    for (const metric of [
      'http_request_duration_seconds_count',
      'http_request_duration_seconds_bucket',
      'kafka_consumer_lag',
      'outbox_backlog',
      'queue_waiting_tickets',
      'notification_deliveries_total',
      'events_consumed_total',
      'events_published_total',
    ])
      expect(used).toContain(metric);
    const all = dashboardExpressions().map((e) => e.expr);
    expect(all.some((e) => e.includes('outcome="dead-lettered"'))).toBe(true);
    expect(all.some((e) => e.includes('outcome="dead"'))).toBe(true);
  });

  it('alerts use only known metrics, carry a severity, and name a runbook that exists', () => {
    const rules = alertRules();
    expect(rules.length).toBeGreaterThanOrEqual(8);
    const anchors = new Set(
      [...readFileSync(RUNBOOKS, 'utf8').matchAll(/^#{2,4} (.+)$/gm)].map((m) =>
        m[1]
          .trim()
          .toLowerCase()
          .replace(/[^\w\- ]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    for (const rule of rules) {
      const alert = text(rule.alert);
      const unknown = metricsIn(text(rule.expr)).filter((m) => !known.has(m));
      expect({ alert, unknown }).toEqual({ alert, unknown: [] });
      const labels = isObj(rule.labels) ? rule.labels : {};
      expect(['critical', 'warning']).toContain(labels.severity);
      const annotations = isObj(rule.annotations) ? rule.annotations : {};
      expect(text(annotations.summary).length).toBeGreaterThan(10);
      const [file, anchor] = text(annotations.runbook).split('#');
      expect({ alert, file, anchor: anchors.has(anchor) }).toEqual({
        alert,
        file: 'docs/operations.md',
        anchor: true,
      });
    }
    const names = rules.map((r) => text(r.alert));
    expect(new Set(names).size).toBe(names.length);
  });

  it('reads metric names out of PromQL, and notices one that does not exist', () => {
    expect(
      metricsIn(
        'sum by (service, le) (rate(http_request_duration_seconds_bucket{status=~"5..", service=~"$service"}[5m])) / on(service) foo_total > 0.05 and deriv(kafka_consumer_lag[15m:1m]) > 0',
      ),
    ).toEqual(['http_request_duration_seconds_bucket', 'foo_total', 'kafka_consumer_lag']);
    expect(metricsIn('histogram_quantile(0.95, x_bucket)')).toEqual(['x_bucket']);
    expect(known.has('foo_total')).toBe(false);
  });
});
