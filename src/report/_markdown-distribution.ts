import { breachesText, distanceNumber } from './_distribution-text.ts';
import { mdCode, mdRow, mdText } from './_markdown-text.ts';
import type { SuiteView } from './gate-view-types.ts';

/**
 * A contract's distribution table in Markdown: one row per feature with a distribution, its distances serving against
 * training and the thresholds it is over (nothing when no feature has a distribution).
 * @internal
 */
export function distributionSection(suite: SuiteView): string[] {
  const shown = suite.features.filter((f) => f.distribution !== undefined);
  if (shown.length === 0) return [];
  return [
    '',
    `### ${mdText(`${suite.contract.name}@${suite.contract.version}`)}: distributions (serving against training)`,
    '',
    mdRow(['feature', 'PSI', 'JS', 'L∞', 'KS', 'over threshold']),
    mdRow([':--', '--:', '--:', '--:', '--:', ':--']),
    ...shown.map((f) => {
      const d = f.distribution as NonNullable<(typeof f)['distribution']>;
      const over = d.breaches === undefined ? '—' : `✖ ${mdText(breachesText(d.breaches))}`;
      return mdRow([
        mdCode(f.name),
        distanceNumber(d.psi),
        distanceNumber(d.jsDistance),
        distanceNumber(d.lInf),
        distanceNumber(d.ks),
        over,
      ]);
    }),
  ];
}
