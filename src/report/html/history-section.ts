import type { HistoryEntry } from '../../history/history-entry.ts';
import { HISTORY_METRICS, historyChart } from './chart-data.ts';
import type { Charts } from './charts.ts';
import { html, type SafeHtml } from './escape.ts';

/** A contract's runs from the history file: each feature's mismatch rate and distances over runs. @internal */
export function historySection(entries: readonly HistoryEntry[], charts: Charts): SafeHtml {
  if (entries.length === 0) return html``;
  const plots = HISTORY_METRICS.flatMap((metric) => {
    const config = historyChart(entries, metric);
    return config === undefined
      ? []
      : [html`<div><h4>${metric.title}</h4>${charts.canvas(config, `${metric.title} over runs`, 200)}</div>`];
  });
  const first = entries[0];
  const last = entries.at(-1);
  return html`<section class="card history"><h3>Over runs <span class="muted">(${entries.length} run${entries.length === 1 ? '' : 's'}${first && last ? `, ${first.runAt} → ${last.runAt}` : ''})</span></h3>
<div class="grid">${plots}</div></section>`;
}
