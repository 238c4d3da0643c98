import { hashLine } from '../golden/stratify-pools.ts';
import type { BucketSchemeName } from './bucket-scheme.ts';
import { keptCategories } from './category-counts.ts';
import type { DistributionKind } from './distribution-value.ts';
import { type FeatureAccumulator, type SideAccumulator, sideBuckets } from './feature-accumulator.ts';
import { scatterPoints } from './scatter-state.ts';

/** One side's counts as plain JSON: `[bucket, count]` pairs in bucket order (numeric features). @public */
export interface SideDistributionTally {
  readonly values: number;
  readonly nulls: number;
  readonly nan: number;
  readonly buckets: readonly (readonly [number, number])[];
}

/**
 * A feature's distribution counts as a report carries them, for merging shards (`lockstep merge`) into exactly one
 * run's distribution: each side's fixed-bucket counts, the categories kept with both sides' counts, and the scatter
 * sample with the lines its records came from.
 * @remarks Since 0.1
 * @public
 */
export interface DistributionTally {
  readonly kind: DistributionKind;
  readonly scheme: BucketSchemeName;
  readonly training: SideDistributionTally;
  readonly serving: SideDistributionTally;
  /** `[value, training count, serving count]`, categorical features. */
  readonly categories: readonly (readonly [string, number, number])[];
  /** `[line, training, serving]`, numeric features. */
  readonly scatter: readonly (readonly [number, number, number])[];
  readonly scatterOf: number;
}

function sideTally(acc: FeatureAccumulator, i: 0 | 1): SideDistributionTally {
  const side = i === 0 ? acc.training : acc.serving;
  const buckets = [...sideBuckets(acc, i).entries()].sort(([a], [b]) => a - b);
  return { values: side.values, nulls: side.nulls, nan: side.nan, buckets };
}

function sideOf(tally: SideDistributionTally): SideAccumulator {
  return { values: tally.values, nulls: tally.nulls, nan: tally.nan };
}

/** Both sides' bucket counts, joined by bucket. */
function jointBuckets(training: SideDistributionTally, serving: SideDistributionTally): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>(training.buckets.map(([b, n]) => [b, [n, 0]]));
  for (const [b, n] of serving.buckets) {
    const known = out.get(b);
    if (known === undefined) out.set(b, [0, n]);
    else known[1] = n;
  }
  return out;
}

/** An accumulator as plain JSON. @internal */
export function distributionTally(acc: FeatureAccumulator): DistributionTally {
  return {
    kind: acc.kind,
    scheme: acc.scheme,
    training: sideTally(acc, 0),
    serving: sideTally(acc, 1),
    categories: keptCategories(acc.categories),
    scatter: scatterPoints(acc.scatter).map(([, line, t, s]) => [line, t, s] as const),
    scatterOf: acc.scatter.of,
  };
}

/** The accumulator a report's tally describes. @internal */
export function accumulatorOf(tally: DistributionTally): FeatureAccumulator {
  return {
    kind: tally.kind,
    scheme: tally.scheme,
    training: sideOf(tally.training),
    serving: sideOf(tally.serving),
    buckets: jointBuckets(tally.training, tally.serving),
    categories: { counts: new Map(tally.categories.map(([text, t, s]) => [text, [t, s]])) },
    scatter: {
      points: tally.scatter.map(([line, t, s]) => [hashLine(line), line, t, s] as const),
      of: tally.scatterOf,
    },
  };
}
