import type { SideName } from '../../compare/divergence.ts';
import type { FeatureDistribution, ScatterSample } from '../../distribution/feature-distribution.ts';
import type { HistoryEntry } from '../../history/history-entry.ts';
import type { FeatureReport, SideReport } from '../../replay/replay-report.ts';
import { formatCount } from '../format-value.ts';
import type { FeatureTolerance } from '../run-info.ts';

// Chart.js configurations as plain JSON (no callbacks), built here and drawn by the page's script (client-script.ts).

/** A Chart.js configuration: JSON only. @internal */
export type ChartConfig = Readonly<Record<string, unknown>>;

/** Each side's colour, the same in every chart. @internal */
export const SIDE_COLOURS: Readonly<Record<SideName, string>> = { training: '#2563eb', serving: '#ea580c' };

const FEATURE_COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#dc2626', '#0891b2', '#ca8a04', '#db2777'];

function translucent(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

const axisTitle = (text: string) => ({ display: true, text });

/** Every chart: no animation (the page is read, and screenshotted, as soon as it loads). */
function base(type: string, data: unknown, options: Record<string, unknown>): ChartConfig {
  return { type, data, options: { animation: false, responsive: true, maintainAspectRatio: false, ...options } };
}

/** Mismatch rate (%) of each feature of a contract, as horizontal bars. @internal */
export function mismatchChart(features: readonly FeatureReport[]): ChartConfig {
  return base(
    'bar',
    {
      labels: features.map((f) => f.feature),
      datasets: [
        {
          label: 'mismatch rate (%)',
          data: features.map((f) => f.mismatchRate * 100),
          backgroundColor: features.map((f) => (f.diverged > 0 ? '#dc2626' : '#16a34a')),
        },
      ],
    },
    {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { beginAtZero: true, title: axisTitle('mismatch rate (% of compared records)') } },
    },
  );
}

/** Each side's share of its binned values, so that sides of different sizes compare. */
function shares(bins: FeatureDistribution['bins'], side: SideName): number[] {
  const total = bins.reduce((sum, b) => sum + b[side], 0);
  return bins.map((b) => (total === 0 ? 0 : (b[side] / total) * 100));
}

/** Training and serving histograms (numeric) or category bars, overlaid: one bar per side per bin. @internal */
export function distributionChart(distribution: FeatureDistribution): ChartConfig {
  const side = (name: SideName) => ({
    label: name,
    data: shares(distribution.bins, name),
    backgroundColor: translucent(SIDE_COLOURS[name], 0.45),
    borderColor: SIDE_COLOURS[name],
    borderWidth: 1,
    grouped: false,
    barPercentage: 1,
    categoryPercentage: distribution.kind === 'numeric' ? 1 : 0.8,
  });
  return base(
    'bar',
    { labels: distribution.bins.map((b) => b.label), datasets: [side('training'), side('serving')] },
    {
      scales: {
        x: { title: axisTitle(distribution.kind === 'numeric' ? 'value' : 'category') },
        y: { beginAtZero: true, title: axisTitle('share of values (%)') },
      },
    },
  );
}

/** The largest difference the tolerance allows at training value `x` (numpy rule, or isclose's larger bound). */
export function toleranceAt(t: FeatureTolerance, x: number): number {
  return t.rule === 'isclose' ? Math.max(t.abs, t.rel * Math.abs(x)) : t.abs + t.rel * Math.abs(x);
}

/** Whether a pair is within the tolerance, by the contract's rule (exact without one). */
function withinTolerance(t: FeatureTolerance | undefined, a: number, b: number): boolean {
  if (t === undefined) return a === b;
  const d = Math.abs(a - b);
  const scale = t.rel * Math.max(Math.abs(a), Math.abs(b));
  return t.rule === 'isclose' ? d <= Math.max(scale, t.abs) : d <= t.abs + scale;
}

/**
 * Training (x) against serving (y) for a sample of records, with the diagonal and the tolerance band around it (at
 * each training value, ± what the tolerance allows there; exact features have no band); pairs beyond the tolerance
 * in red, drawn on top. @internal
 */
export function scatterChart(sample: ScatterSample, tolerance: FeatureTolerance | undefined): ChartConfig {
  const points = sample.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  let lo = points.length === 0 ? 0 : Number.POSITIVE_INFINITY;
  let hi = points.length === 0 ? 1 : Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    lo = Math.min(lo, x, y);
    hi = Math.max(hi, x, y);
  }
  const edge = [...new Set([lo, ...(lo < 0 && hi > 0 ? [0] : []), hi])];
  const line = (label: string, f: (x: number) => number, extra: Record<string, unknown>) => ({
    type: 'line',
    label,
    data: edge.map((x) => ({ x, y: f(x) })),
    pointRadius: 0,
    borderWidth: 1,
    ...extra,
  });
  const band = tolerance === undefined || (tolerance.abs === 0 && tolerance.rel === 0) ? undefined : tolerance;
  const beyond = points.filter(([x, y]) => !withinTolerance(tolerance, x, y));
  const within = points.filter(([x, y]) => withinTolerance(tolerance, x, y));
  const dots = (label: string, of: typeof points, colour: string, order: number) => ({
    type: 'scatter',
    label: `${label} (${formatCount(of.length)})`,
    data: of.map(([x, y]) => ({ x, y })),
    backgroundColor: colour,
    pointRadius: 3,
    order,
  });
  const datasets = [
    dots('beyond tolerance', beyond, translucent('#dc2626', 0.85), 0),
    dots('within tolerance', within, translucent('#475569', 0.35), 1),
    line('training = serving', (x) => x, { borderColor: '#475569', borderDash: [4, 4], order: 2 }),
    ...(band === undefined
      ? []
      : [
          line('tolerance band', (x) => x + toleranceAt(band, x), {
            borderColor: translucent('#16a34a', 0.8),
            backgroundColor: translucent('#16a34a', 0.15),
            fill: '+1',
            order: 3,
          }),
          line('tolerance band (lower)', (x) => x - toleranceAt(band, x), {
            borderColor: translucent('#16a34a', 0.8),
            order: 4,
          }),
        ]),
  ];
  return base(
    'scatter',
    { datasets },
    {
      plugins: { legend: { labels: { boxWidth: 12 } } },
      scales: { x: { title: axisTitle('training') }, y: { title: axisTitle('serving') } },
    },
  );
}

/** p50, p95, p99 and max latency (ms) of each side, grouped. @internal */
export function latencyChart(sides: readonly SideReport[]): ChartConfig {
  const stats = ['p50', 'p95', 'p99', 'max'] as const;
  return base(
    'bar',
    {
      labels: [...stats],
      datasets: sides.map((s) => ({
        label: s.side,
        data: stats.map((k) => s.latencyMs[k]),
        backgroundColor: SIDE_COLOURS[s.side],
      })),
    },
    { scales: { y: { beginAtZero: true, title: axisTitle('latency per record (ms)') } } },
  );
}

/** The metrics a history chart follows over runs. @internal */
export const HISTORY_METRICS = [
  { key: 'mismatchRate', title: 'mismatch rate (%)', scale: 100 },
  { key: 'jsDistance', title: 'Jensen–Shannon distance', scale: 1 },
  { key: 'psi', title: 'PSI', scale: 1 },
  { key: 'lInf', title: 'L∞ distance', scale: 1 },
  { key: 'ks', title: 'KS statistic', scale: 1 },
] as const;

/** One line per feature of `metric` over the runs of a contract's history (a gap where a run lacks it). @internal */
export function historyChart(
  entries: readonly HistoryEntry[],
  metric: (typeof HISTORY_METRICS)[number],
): ChartConfig | undefined {
  const names = [...new Set(entries.flatMap((e) => e.features.map((f) => f.feature)))];
  const datasets = names.map((name, i) => {
    const colour = FEATURE_COLOURS[i % FEATURE_COLOURS.length] as string;
    return {
      label: name,
      data: entries.map((e) => {
        const value = e.features.find((f) => f.feature === name)?.[metric.key];
        return value === undefined ? null : value * metric.scale;
      }),
      borderColor: colour,
      backgroundColor: colour,
      spanGaps: true,
      tension: 0,
    };
  });
  if (!datasets.some((d) => d.data.some((v) => v !== null))) return undefined;
  return base(
    'line',
    { labels: entries.map((e) => e.runAt.replace('T', ' ').slice(0, 16)), datasets },
    {
      plugins: { legend: { labels: { boxWidth: 12 } } },
      scales: { y: { beginAtZero: true, title: axisTitle(metric.title) } },
    },
  );
}
