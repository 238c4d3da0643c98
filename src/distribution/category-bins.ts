import type { DistributionBin } from './feature-distribution.ts';

/** The bin of the values past the cap on distinct values (see category-counts.ts). */
export const OTHER_CATEGORY = '(other)';

/**
 * A categorical feature's bins: one per value kept, most frequent in training first (then in serving, then by text),
 * and `(other)` for the values past the cap, when there were any.
 * @param kept - `[value, training count, serving count]`
 * @param totals - each side's count of values (kept or not)
 * @internal
 */
export function categoryBins(
  kept: readonly (readonly [string, number, number])[],
  totals: { readonly training: number; readonly serving: number },
): DistributionBin[] {
  const bins: DistributionBin[] = [...kept]
    .sort(([a, at, as], [b, bt, bs]) => bt - at || bs - as || (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, training, serving]) => ({ label, training, serving }));
  const training = totals.training - bins.reduce((sum, b) => sum + b.training, 0);
  const serving = totals.serving - bins.reduce((sum, b) => sum + b.serving, 0);
  if (training > 0 || serving > 0) bins.push({ label: OTHER_CATEGORY, training, serving });
  return bins;
}
