import type { FeatureDistribution } from '../../distribution/feature-distribution.ts';
import type { DivergenceExample, FeatureReport, ReplayReport } from '../../replay/replay-report.ts';
import { formatCount, formatNumber, formatPercent, formatTime } from '../format-value.ts';
import type { FeatureTolerance } from '../run-info.ts';
import { distributionChart, scatterChart } from './chart-data.ts';
import type { Charts } from './charts.ts';
import { html, type SafeHtml } from './escape.ts';
import { badge, meter, placeText, valueHtml } from './format.ts';

/** How far apart an example's values are: their absolute difference when both are numbers, else 0. */
function gap(e: DivergenceExample): number {
  return typeof e.training === 'number' && typeof e.serving === 'number' ? Math.abs(e.training - e.serving) : 0;
}

/** The records kept for a feature, the farthest apart first (stable for values that are not numbers). @internal */
export function worstExamples(examples: readonly DivergenceExample[]): DivergenceExample[] {
  return [...examples].sort((a, b) => {
    const d = gap(b) - gap(a);
    return Number.isNaN(d) ? 0 : d;
  });
}

/** A table of records: where, both values, what differs, and the input (folded). @internal */
export function examplesTable(report: ReplayReport, examples: readonly DivergenceExample[]): SafeHtml {
  const rows = examples.map(
    (e) => html`<tr>
  <td><code>${placeText(report, e.line)}</code>${e.recordId === undefined ? '' : html`<br><span class="muted">id ${e.recordId}</span>`}${e.entity === undefined || e.entity === '' ? '' : html`<br><span class="muted">entity ${e.entity}</span>`}<br><span class="muted">${formatTime(e.timestamp)}</span></td>
  <td>${e.kind}${e.side === undefined ? '' : html`<br><span class="muted">${e.side}</span>`}</td>
  <td class="training">${valueHtml(e.training)}</td><td class="serving">${valueHtml(e.serving)}</td>
  <td>${e.detail}</td>
  <td><details><summary>input</summary><pre>${valueHtml(e.input, 4000)}</pre></details></td>
</tr>`,
  );
  return html`<table class="examples"><thead><tr><th>record</th><th>kind</th><th class="training">training</th>
<th class="serving">serving</th><th>detail</th><th>input</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function distances(d: FeatureDistribution): SafeHtml {
  const breached = new Set((d.breaches ?? []).map((b) => b.metric));
  const stat = (metric: 'psi' | 'jsDistance' | 'lInf' | 'ks', label: string, value: number | undefined) =>
    value === undefined
      ? ''
      : html`<span>${label} <b>${formatNumber(value)}</b>${breached.has(metric) ? badge('over threshold', 'bad') : ''}</span>`;
  const counts = (side: 'training' | 'serving') =>
    html`<span class="${side}">${side}: ${formatCount(d[side].values)} values, ${formatCount(d[side].nulls)} null, ${formatCount(d[side].nan)} NaN</span>`;
  return html`<div class="stats">${stat('psi', 'PSI', d.psi)}${stat('jsDistance', 'JS distance', d.jsDistance)}${stat('lInf', 'L∞', d.lInf)}${stat('ks', 'KS', d.ks)}</div>
<div class="stats muted">${counts('training')}${counts('serving')}</div>
${(d.breaches ?? []).map((b) => html`<div class="badge bad">${b.metric} ${formatNumber(b.value)} &gt; ${formatNumber(b.threshold)}</div>`)}`;
}

/**
 * One feature: its mismatch rate as a bar, its counts and errors, the training and serving distributions overlaid,
 * the training-vs-serving scatter with the tolerance band, and the records farthest apart.
 * @internal
 */
export function featureSection(
  report: ReplayReport,
  f: FeatureReport,
  tolerance: FeatureTolerance | undefined,
  charts: Charts,
): SafeHtml {
  const nd = f.nondeterministic ?? [];
  const errors = [
    f.worstAbsError === undefined ? undefined : `worst abs error ${formatNumber(f.worstAbsError)}`,
    f.worstRelError === undefined ? undefined : `worst rel error ${formatNumber(f.worstRelError)}`,
    f.smape === undefined ? undefined : `SMAPE ${formatNumber(f.smape)}`,
    tolerance === undefined
      ? undefined
      : `tolerance abs ${tolerance.abs} ${tolerance.rule === 'isclose' ? 'or' : '+'} rel ${tolerance.rel}`,
  ].filter((x) => x !== undefined);
  const byKind = Object.entries(f.byKind).map(([kind, n]) => `${kind} ${formatCount(n ?? 0)}`);
  const plots = [
    f.distribution === undefined
      ? undefined
      : html`<div><h4>${f.distribution.kind === 'numeric' ? 'Histogram' : 'Categories'}: training vs serving</h4>${charts.canvas(distributionChart(f.distribution), `${f.feature}: training and serving distributions`)}${distances(f.distribution)}</div>`,
    f.scatter === undefined
      ? undefined
      : html`<div><h4>Training vs serving (sample of ${formatCount(f.scatter.points.length)} of ${formatCount(f.scatter.of)})</h4>${charts.canvas(scatterChart(f.scatter, tolerance), `${f.feature}: training against serving`)}</div>`,
  ].filter((x) => x !== undefined);
  return html`<article class="card feature" id="feature-${report.contract.name}-${f.feature}">
  <h3><code>${f.feature}</code> <span class="muted">${f.type}</span>${f.diverged > 0 ? badge(`${formatCount(f.diverged)} diverged`, 'bad') : badge('all match', 'good')}${nd.length === 0 ? '' : badge(`nondeterministic on ${nd.join(' and ')}`, 'warn')}</h3>
  <div class="stats"><span>mismatch rate <b>${formatPercent(f.mismatchRate)}</b></span>${meter(f.mismatchRate, f.diverged > 0)}
    <span>${formatCount(f.diverged)} of ${formatCount(f.compared)} compared</span>${byKind.length === 0 ? '' : html`<span class="muted">${byKind.join(', ')}</span>`}</div>
  ${errors.length === 0 ? '' : html`<div class="stats muted">${errors.map((e) => html`<span>${e}</span>`)}</div>`}
  ${plots.length === 0 ? '' : html`<div class="grid">${plots}</div>`}
  ${f.examples.length === 0 ? '' : html`<h4>Worst records</h4>${examplesTable(report, worstExamples(f.examples))}`}
</article>`;
}
