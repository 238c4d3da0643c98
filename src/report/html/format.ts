import { logLineOf, type ReplayReport } from '../../replay/replay-report.ts';
import { formatValue } from '../format-value.ts';
import { html, type SafeHtml } from './escape.ts';

/** A value as the other reports write it (strings quoted, -0 kept), in a code element. @internal */
export function valueHtml(value: unknown, max = 400): SafeHtml {
  return html`<code class="value">${formatValue(value, max)}</code>`;
}

/** A run-wide line as `log:line`. @internal */
export function placeText(report: ReplayReport, line: number): string {
  const at = logLineOf(report.sources, report.sourceLineOffsets, line);
  return `${at.log}:${at.line}`;
}

/** A share (0..1) as a bar, red when `bad`. @internal */
export function meter(share: number, bad: boolean): SafeHtml {
  const width = Math.max(0, Math.min(100, share * 100));
  return html`<div class="meter${bad ? '' : ' ok'}"><span style="width:${width.toFixed(2)}%"></span></div>`;
}

/** A small label beside a heading. @internal */
export function badge(text: string, tone: 'bad' | 'good' | 'warn' | 'new' | '' = ''): SafeHtml {
  return html`<span class="badge ${tone}">${text}</span>`;
}
