import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';

/** Renders a feature or input value unambiguously: strings quoted with escapes, -0 kept, absent shown as such. */
export function formatValue(value: unknown, max = 200): string {
  if (value === undefined) return '(absent)';
  if (Object.is(value, -0)) return '-0';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value).replace(
      /[\u00a0\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
    return quoted.length > max ? `${quoted.slice(0, max)}…"` : quoted;
  }
  const text = value instanceof Date ? value.toISOString() : stringifyLosslessJson(value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Epoch milliseconds as ISO 8601 UTC. */
export function formatTime(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? String(ms) : date.toISOString();
}

/** A count with thousands separators. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** A rate as a percentage with two decimals. */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(2)}%`;
}

/** A number in at most 4 significant digits, for error columns. */
export function formatNumber(x: number | undefined): string {
  if (x === undefined) return '';
  if (x === 0) return '0';
  return Math.abs(x) >= 1e-3 && Math.abs(x) < 1e6 ? String(Number(x.toPrecision(4))) : x.toExponential(2);
}
