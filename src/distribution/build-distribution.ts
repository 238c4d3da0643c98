import { DISTANCE_METRICS, type DistributionThresholds } from '../contract/distribution-thresholds.ts';
import { bucketScheme } from './bucket-scheme.ts';
import { categoryBins } from './category-bins.ts';
import { keptCategories } from './category-counts.ts';
import { jensenShannonDistance, kolmogorovSmirnov, lInfinityDistance, populationStabilityIndex } from './distances.ts';
import { type FeatureAccumulator, type SideAccumulator, sideBuckets } from './feature-accumulator.ts';
import type {
  DistanceBreach,
  DistributionBin,
  DistributionCounts,
  FeatureDistribution,
  ScatterSample,
} from './feature-distribution.ts';
import { numericBins } from './numeric-bins.ts';
import { scatterPoints } from './scatter-state.ts';

function counts(side: SideAccumulator): DistributionCounts {
  return { values: side.values, nulls: side.nulls, nan: side.nan };
}

function bins(acc: FeatureAccumulator): DistributionBin[] {
  if (acc.kind === 'numeric') return numericBins(bucketScheme(acc.scheme), sideBuckets(acc, 0), sideBuckets(acc, 1));
  return categoryBins(keptCategories(acc.categories), {
    training: acc.training.values,
    serving: acc.serving.values,
  });
}

/** The distances over their thresholds, in metric order. @internal */
export function distanceBreaches(
  distances: Readonly<Partial<Record<DistanceBreach['metric'], number>>>,
  thresholds: DistributionThresholds | undefined,
): DistanceBreach[] {
  const breaches: DistanceBreach[] = [];
  for (const metric of DISTANCE_METRICS) {
    const value = distances[metric];
    const threshold = thresholds?.[metric];
    if (value !== undefined && threshold !== undefined && value > threshold)
      breaches.push({ metric, value, threshold });
  }
  return breaches;
}

/**
 * A feature's distribution over the compared records: the bins, each side's counts, the distances and the thresholds
 * they are over.
 * @internal
 */
export function buildDistribution(acc: FeatureAccumulator, thresholds?: DistributionThresholds): FeatureDistribution {
  const shown = bins(acc);
  const t = shown.map((b) => b.training);
  const s = shown.map((b) => b.serving);
  const distances = {
    psi: populationStabilityIndex(t, s),
    jsDistance: jensenShannonDistance(t, s),
    lInf: lInfinityDistance(t, s),
    ...(acc.kind === 'numeric' ? { ks: kolmogorovSmirnov(sideBuckets(acc, 0), sideBuckets(acc, 1)) } : {}),
  };
  const breaches = distanceBreaches(distances, thresholds);
  return {
    kind: acc.kind,
    bins: shown,
    training: counts(acc.training),
    serving: counts(acc.serving),
    ...distances,
    ...(breaches.length === 0 ? {} : { breaches }),
  };
}

/** A numeric feature's scatter sample, or undefined for a categorical one. @internal */
export function buildScatter(acc: FeatureAccumulator): ScatterSample | undefined {
  if (acc.kind !== 'numeric') return undefined;
  return { points: scatterPoints(acc.scatter).map(([, , t, s]) => [t, s] as const), of: acc.scatter.of };
}
