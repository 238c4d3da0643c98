import type { ClassDecision } from '../../gate/verdict.ts';
import type { DivergenceClass, MinimalInput, ReplayReport } from '../../replay/replay-report.ts';
import type { ClassSlice } from '../../slicing/class-slice.ts';
import { formatCount, formatPercent } from '../format-value.ts';
import { html, type SafeHtml } from './escape.ts';
import { examplesTable } from './feature-section.ts';
import { badge, meter, placeText, valueHtml } from './format.ts';

function decisionBadge(decision: ClassDecision | undefined): SafeHtml | '' {
  if (decision === undefined) return '';
  if (decision.decision === 'accepted')
    return badge(`accepted${decision.reason ? `: ${decision.reason}` : ''}`, 'good');
  return decision.decision === 'over_budget' ? badge('accepted, over budget', 'bad') : badge('not accepted', 'bad');
}

function minimalHtml(report: ReplayReport, m: MinimalInput): SafeHtml {
  const notes = [
    m.reproduced
      ? undefined
      : `not reproduced when re-run${m.notReproducedBecause ? ` (${m.notReproducedBecause})` : ''}`,
    m.cutShort === undefined ? undefined : `cut short after ${m.capSeconds ?? '?'} s: it may reduce further`,
  ].filter((x) => x !== undefined);
  return html`<h4>Minimal input (from ${placeText(report, m.line)})</h4>
<div class="grid"><div><div class="muted">minimal</div><pre>${valueHtml(m.minimal, 4000)}</pre></div>
<div><details><summary>logged input</summary><pre>${valueHtml(m.original, 4000)}</pre></details></div></div>
<div class="stats muted">${m.fieldsThatMatter.length === 0 ? '' : html`<span>fields that matter: <code>${m.fieldsThatMatter.join(', ')}</code></span>`}${m.changedFields.length === 0 ? '' : html`<span>changed: <code>${m.changedFields.join(', ')}</code></span>`}${notes.map((n) => html`<span>${n}</span>`)}</div>`;
}

function slicesHtml(slices: readonly ClassSlice[]): SafeHtml {
  const rows = slices.map(
    (s) => html`<tr><td><code>${s.predicate}</code></td>
<td class="num">${formatPercent(s.inClass)}</td><td>${meter(s.inClass, true)}</td>
<td class="num">${formatPercent(s.inLog)}</td><td>${meter(s.inLog, false)}</td>
<td class="num">×${s.lift.toFixed(1)}</td></tr>`,
  );
  return html`<h4>What its records share</h4><table class="slices"><thead><tr><th>input predicate</th>
<th class="num">of the class</th><th></th><th class="num">of the log</th><th></th><th class="num">lift</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

/**
 * One divergence class: feature, kind and cause, its records, the gate's decision, whether it is new or its feature
 * nondeterministic, both values of its first record, the minimal input, the hints and the slices its records share.
 * @internal
 */
export function classSection(report: ReplayReport, c: DivergenceClass, decision: ClassDecision | undefined): SafeHtml {
  const nd = c.nondeterministic ?? [];
  const first = c.examples[0];
  return html`<article class="card class">
  <h3><code>${c.feature}</code> · ${c.kind} · ${c.cause}${badge(`${formatCount(c.count)} record${c.count === 1 ? '' : 's'}`)}${decisionBadge(decision)}${c.isNew ? badge('new since the last run', 'new') : ''}${nd.length === 0 ? '' : badge(`nondeterministic on ${nd.join(' and ')}: not proven skew`, 'warn')}</h3>
  ${first === undefined ? '' : html`<div class="grid"><div><div class="muted training">training</div><pre>${valueHtml(first.training, 2000)}</pre></div><div><div class="muted serving">serving</div><pre>${valueHtml(first.serving, 2000)}</pre></div></div>`}
  ${c.hints === undefined || c.hints.length === 0 ? '' : html`<h4>Likely causes</h4><ul>${c.hints.map((h) => html`<li>${h}</li>`)}</ul>`}
  ${c.slices === undefined || c.slices.length === 0 ? '' : slicesHtml(c.slices)}
  ${c.minimal === undefined ? '' : minimalHtml(report, c.minimal)}
  ${c.examples.length === 0 ? '' : html`<details><summary>${formatCount(c.examples.length)} example record${c.examples.length === 1 ? '' : 's'}</summary>${examplesTable(report, c.examples)}</details>`}
</article>`;
}
