import type { AaCalibration } from '../../calibration/aa-result.ts';
import type { SideReport } from '../../replay/replay-report.ts';
import { formatCount, formatNumber } from '../format-value.ts';
import { latencyChart } from './chart-data.ts';
import type { Charts } from './charts.ts';
import { html, type SafeHtml } from './escape.ts';

/** Each side: what it is, its records and errors, its latency percentiles (table and chart), its first problems. @internal */
export function sidesSection(sides: readonly SideReport[], charts: Charts): SafeHtml {
  if (sides.length === 0) return html``;
  const rows = sides.map(
    (s) => html`<tr><td class="${s.side}"><b>${s.side}</b></td><td>${s.description}</td>
<td class="num">${formatCount(s.records)}</td><td class="num">${formatCount(s.errors)}</td>
<td class="num">${formatNumber(s.latencyMs.p50)}</td><td class="num">${formatNumber(s.latencyMs.p95)}</td>
<td class="num">${formatNumber(s.latencyMs.p99)}</td><td class="num">${formatNumber(s.latencyMs.max)}</td>
<td class="num">${formatCount(s.diagnostics.count)}</td></tr>`,
  );
  const diagnostics = sides.flatMap((s) =>
    s.diagnostics.first.map(
      (d) => html`<li><b>${s.side}</b> ${d.kind}${d.line === undefined ? '' : ` (line ${d.line})`}: ${d.message}</li>`,
    ),
  );
  return html`<section class="card sides"><h3>Sides and latency</h3>
<table><thead><tr><th>side</th><th></th><th class="num">records</th><th class="num">errors</th>
<th class="num">p50 ms</th><th class="num">p95 ms</th><th class="num">p99 ms</th><th class="num">max ms</th>
<th class="num">diagnostics</th></tr></thead><tbody>${rows}</tbody></table>
<h4>Latency per record</h4>${charts.canvas(latencyChart(sides), 'latency per side', 200)}
${diagnostics.length === 0 ? '' : html`<details><summary>first diagnostics</summary><ul>${diagnostics}</ul></details>`}
</section>`;
}

/** A/A calibration: the features that disagreed with themselves, before any training-vs-serving finding. @internal */
export function aaSection(aa: AaCalibration): SafeHtml {
  const rows = aa.features.map(
    (f) => html`<tr><td><code>${f.feature}</code></td><td class="${f.side}">${f.side}</td>
<td class="num">${formatCount(f.diverged)} of ${formatCount(f.compared)}</td><td>${f.lines.join(', ')}</td></tr>`,
  );
  return html`<section class="card aa"><h3>A/A calibration <span class="muted">(each side against itself, ${formatCount(aa.compared)} records)</span></h3>
${
  aa.features.length === 0
    ? html`<div>Every feature was deterministic on both sides: findings below are skew, not noise.</div>`
    : html`<div>These features disagreed with themselves: a training-vs-serving finding on them is not proven skew.</div>
<table><thead><tr><th>feature</th><th>side</th><th class="num">disagreed</th><th>first lines</th></tr></thead><tbody>${rows}</tbody></table>`
}
</section>`;
}
