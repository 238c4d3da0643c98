import type { DistributionThresholds } from '../contract/distribution-thresholds.ts';
import type { FeatureReport } from '../replay/replay-report.ts';
import { distributionFields } from './distribution-state.ts';
import { accumulatorOf, type DistributionTally, distributionTally } from './distribution-tally.ts';
import { mergeFeatureAccumulator } from './feature-accumulator.ts';

/**
 * One feature's distribution over a run's shards, from each shard report's tally: the report fields one run would
 * have (bins, distances, breaches, scatter sample) and the merged tally. Nothing when a shard has none (a vector, or a
 * report written before distributions were counted).
 * @internal
 */
export function mergeDistributionTallies(
  tallies: readonly (DistributionTally | undefined)[],
  thresholds: DistributionThresholds | undefined,
): { fields: Pick<FeatureReport, 'distribution' | 'scatter'>; tally?: DistributionTally } {
  if (tallies.length === 0 || tallies.some((t) => t === undefined)) return { fields: {} };
  const [first, ...rest] = (tallies as DistributionTally[]).map(accumulatorOf);
  if (first === undefined) return { fields: {} };
  for (const acc of rest) mergeFeatureAccumulator(first, acc);
  const fields = distributionFields(first, thresholds === undefined ? {} : { distribution: thresholds });
  return { fields, tally: distributionTally(first) };
}
