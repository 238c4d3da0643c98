import { classLabel, decisionText, sideValue } from '../_class-text.ts';
import { formatCount, formatValue } from '../format-value.ts';
import { gateView } from '../gate-view.ts';
import type { ClassView, SuiteView } from '../gate-view-types.ts';
import type { RunSummary } from '../reporter.ts';
import { html, type SafeHtml } from './escape.ts';
import { badge } from './format.ts';

function finding(c: ClassView): SafeHtml {
  return html`<tr><td><code>${classLabel(c)}</code>${c.decision === 'accepted' ? badge(decisionText(c), 'good') : badge(decisionText(c), 'bad')}</td>
<td class="num">${formatCount(c.records)}</td>
<td class="training"><code class="value">${sideValue(c, 'training', 400)}</code></td>
<td class="serving"><code class="value">${sideValue(c, 'serving', 400)}</code></td>
<td>${c.minimal === undefined ? '' : html`<code class="value">${formatValue(c.minimal.input, 1000)}</code>`}${c.replay === undefined ? '' : html`<div class="muted"><code>${c.replay}</code></div>`}</td>
<td>${c.hints.length === 0 ? '' : html`<ul>${c.hints.map((h) => html`<li>${h}</li>`)}</ul>`}</td></tr>`;
}

function suite(s: SuiteView): SafeHtml {
  return html`<section class="card"><h3>${s.contract.name}@${s.contract.version} <span class="muted">${s.stage}: ${formatCount(s.counts.compared)} ${s.stage === 'replay' ? 'compared' : 'cases'}, ${formatCount(s.classes.length)} finding${s.classes.length === 1 ? '' : 's'}</span></h3>
${s.classes.length === 0 ? html`<div class="muted">No finding.</div>` : html`<table><thead><tr><th>finding</th><th class="num">records</th><th class="training">training</th><th class="serving">serving</th><th>minimal input</th><th>hints</th></tr></thead><tbody>${s.classes.map(finding)}</tbody></table>`}</section>`;
}

/** The fuzz and golden results of a run (no replay report): each contract's findings, as the CI reports list them. @internal */
export function findingsSection(summary: RunSummary): SafeHtml {
  const suites = gateView(summary).suites.filter((s) => s.stage !== 'replay');
  return html`${suites.map(suite)}`;
}
