import type { Colors } from 'picocolors/types.js';
import type { FeatureReport } from '../replay/replay-report.ts';
import { breachesText, distanceNumber } from './_distribution-text.ts';
import { formatCount } from './format-value.ts';

/** `1,000` or `1,000 (+3 null, 1 NaN)`: a side's values, and those not in the bins. */
function valuesText(c: { values: number; nulls: number; nan: number }): string {
  const apart = [c.nulls > 0 ? `${formatCount(c.nulls)} null` : '', c.nan > 0 ? `${formatCount(c.nan)} NaN` : ''];
  const extra = apart.filter((s) => s !== '').join(', ');
  return extra === '' ? formatCount(c.values) : `${formatCount(c.values)} (+${extra})`;
}

/**
 * The terminal's distribution table: one line per feature with a distribution (vectors have none), its distances
 * serving against training, each side's values, and the thresholds it is over, in red.
 * @internal
 */
export function distributionRows(features: readonly FeatureReport[], c: Colors): string[] {
  const shown = features.filter((f) => f.distribution !== undefined);
  if (shown.length === 0) return [];
  const head = ['feature', 'PSI', 'JS', 'L∞', 'KS', 'bins', 'training', 'serving'];
  const rows = shown.map((f) => {
    const d = f.distribution as NonNullable<FeatureReport['distribution']>;
    return [
      `${d.breaches === undefined ? '✓' : '✖'} ${f.feature}`,
      distanceNumber(d.psi),
      distanceNumber(d.jsDistance),
      distanceNumber(d.lInf),
      distanceNumber(d.ks),
      String(d.bins.length),
      valuesText(d.training),
      valuesText(d.serving),
    ];
  });
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => (r[i] ?? '').length)));
  const pad = (row: string[]): string =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('  ');
  return [
    '',
    c.bold(' Distributions (serving against training, over compared records)'),
    `  ${c.dim(pad(head))}`,
    ...rows.map((row, i) => {
      const breaches = shown[i]?.distribution?.breaches;
      return breaches === undefined
        ? `  ${pad(row)}`
        : `  ${c.red(pad(row))}  ${c.red(`over: ${breachesText(breaches)}`)}`;
    }),
  ];
}
