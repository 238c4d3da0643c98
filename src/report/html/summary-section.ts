import { formatCount, formatPercent } from '../format-value.ts';
import type { RunSummary } from '../reporter.ts';
import { html, type SafeHtml } from './escape.ts';

const STATUS = { pass: 'PASS', fail: 'FAIL', incomplete: 'INCOMPLETE', error: 'ERROR' } as const;

function tone(status: RunSummary['verdict']['status']): string {
  return status === 'pass' ? 'pass' : status === 'incomplete' ? 'incomplete' : 'fail';
}

/** The verdict first: status, headline, every reason, then who ran what and when. @internal */
export function verdictSection(summary: RunSummary): SafeHtml {
  const { verdict: v, run } = summary;
  const stages = Object.entries(v.stages).map(([stage, outcome]) => `${stage} ${outcome}`);
  return html`<section class="card verdict ${tone(v.status)}" id="verdict">
  <h1><span class="status ${tone(v.status)}">${STATUS[v.status]}</span>Lockstep ${run.command}</h1>
  <div>${v.headline} <span class="muted">(exit ${v.exitCode})</span></div>
  ${v.reasons.length === 0 ? '' : html`<ul class="reasons">${v.reasons.map((r) => html`<li><code>${r.code}</code> ${r.message}</li>`)}</ul>`}
  <div class="stats muted">
    ${stages.length === 0 ? '' : html`<span>stages: ${stages.join(', ')}</span>`}
    <span>Lockstep ${run.lockstepVersion}</span>
    ${run.gitCommit === undefined ? '' : html`<span>commit <code>${run.gitCommit.slice(0, 12)}</code></span>`}
    <span>config <code>${run.config}</code></span>
    ${run.shard === undefined ? '' : html`<span>shard ${run.shard.index}/${run.shard.count}</span>`}
    <span>${run.startedAt} → ${run.endedAt}</span>
    <span>${(summary.durationMs / 1000).toFixed(1)} s</span>
  </div>
  ${run.commandLine.length === 0 ? '' : html`<div class="muted"><code>${run.commandLine.join(' ')}</code></div>`}
</section>`;
}

/** One row per contract: its counts, its mismatch and what the verdict says of it. @internal */
export function countsSection(summary: RunSummary): SafeHtml {
  if (summary.reports.length === 0) return html``;
  const rows = summary.reports.map((r) => {
    const reasons = summary.verdict.reasons.filter((x) => x.contract === r.contract.name).length;
    const c = r.counts;
    return html`<tr>
  <td><a href="#contract-${r.contract.name}"><code>${r.contract.name}@${r.contract.version}</code></a></td>
  <td class="num">${formatCount(c.read)}</td><td class="num">${formatCount(c.compared)}</td>
  <td class="num">${formatCount(c.compared - c.diverged)}</td><td class="num">${formatCount(c.diverged)}</td>
  <td class="num">${c.compared === 0 ? '—' : formatPercent(c.diverged / c.compared)}</td>
  <td class="num">${formatCount(c.invalid)}</td><td class="num">${formatCount(c.errored)}</td>
  <td class="num">${formatCount(r.classes.length)}</td>
  <td>${reasons === 0 ? 'pass' : `${reasons} reason${reasons === 1 ? '' : 's'}`}</td>
</tr>`;
  });
  return html`<section class="card" id="counts"><h3>Records</h3><table>
<thead><tr><th>contract</th><th class="num">read</th><th class="num">compared</th><th class="num">matched</th>
<th class="num">diverged</th><th class="num">diverged %</th><th class="num">invalid</th><th class="num">errored</th>
<th class="num">classes</th><th>verdict</th></tr></thead>
<tbody>${rows}</tbody></table></section>`;
}
