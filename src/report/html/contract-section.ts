import type { ClassDecision } from '../../gate/verdict.ts';
import type { DivergenceClass, ReplayReport } from '../../replay/replay-report.ts';
import { columnarPathNote } from '../_path-text.ts';
import { displayPath } from '../_suite-parts.ts';
import type { RunSummary } from '../reporter.ts';
import { mismatchChart } from './chart-data.ts';
import type { Charts } from './charts.ts';
import { classSection } from './class-section.ts';
import { html, type SafeHtml } from './escape.ts';
import { featureSection } from './feature-section.ts';
import { historySection } from './history-section.ts';
import { aaSection, sidesSection } from './sides-section.ts';

function decisionOf(summary: RunSummary, contract: string, c: DivergenceClass): ClassDecision | undefined {
  return summary.verdict.classes.find(
    (d) => d.contract === contract && d.feature === c.feature && d.kind === c.kind && d.cause === c.cause,
  );
}

/** The path a Parquet log took when it is news (in parts, or as JSON lines and why), as the terminal's `path` line. */
function pathCard(report: ReplayReport): SafeHtml | '' {
  const note = columnarPathNote(report.columnar);
  if (note === undefined) return '';
  return html`<div class="card path${note.warning ? ' warn' : ''}"><span class="muted">path</span> ${note.text}</div>`;
}

/**
 * One contract's replay: the path its Parquet log took (when that is news), redacted fields, A/A calibration, mismatch
 * rate per feature, each feature, each divergence class, the sides' latency and the history of earlier runs.
 * @internal
 */
export function contractSection(summary: RunSummary, logged: ReplayReport, charts: Charts): SafeHtml {
  // Logs as the other reports show them: relative to the run's working directory when inside it.
  const report = { ...logged, sources: logged.sources.map((s) => displayPath(summary.run, s)) };
  const name = report.contract.name;
  const info = summary.run.contracts.find((c) => c.name === name);
  const history = summary.history?.[name] ?? [];
  return html`<section class="contract" id="contract-${name}">
<h2>${name}@${report.contract.version} <span class="muted">${report.sources.join(', ')}</span></h2>
${pathCard(report)}
${report.redacted === undefined || report.redacted.length === 0 ? '' : html`<div class="card redacted">Redacted in this report: <code>${report.redacted.join(', ')}</code> <span class="muted">(shown as their hash; the comparison saw the real values)</span></div>`}
${report.aa === undefined ? '' : aaSection(report.aa)}
${report.features.length === 0 ? '' : html`<section class="card"><h3>Mismatch rate by feature</h3>${charts.canvas(mismatchChart(report.features), 'mismatch rate by feature', Math.max(120, 28 * report.features.length + 50))}</section>`}
${report.classes.length === 0 ? '' : html`<h2>Divergence classes <span class="muted">(${report.classes.length})</span></h2>${report.classes.map((c) => classSection(report, c, decisionOf(summary, name, c)))}`}
<h2>Features</h2>
${report.features.map((f) => featureSection(report, f, info?.tolerances?.[f.feature], charts))}
${sidesSection(report.sides, charts)}
${historySection(history, charts)}
</section>`;
}
