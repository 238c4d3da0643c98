import type { FeatureSpec } from '../contract/feature-spec.ts';
import { hashLine } from '../golden/stratify-pools.ts';
import { addPairCounts } from './_pair-counts.ts';
import { type BucketScheme, type BucketSchemeName, HOURLY, LOG_LINEAR } from './bucket-scheme.ts';
import { type CategoryCounts, countCategory, mergeCategoryCounts, newCategoryCounts } from './category-counts.ts';
import { type DistributionKind, distributionKind, distributionValue } from './distribution-value.ts';
import { mergeScatter, newScatterState, offerPair, type ScatterState } from './scatter-state.ts';

/** One side's counts of a feature: values (in the bins), and nulls and NaN apart. @internal */
export interface SideAccumulator {
  values: number;
  nulls: number;
  nan: number;
}

/**
 * Everything a feature's distribution is computed from, as plain mergeable data (it crosses thread boundaries):
 * numeric features keep fixed-bucket counts and a scatter sample, categorical ones counts per value.
 * @internal
 */
export interface FeatureAccumulator {
  readonly kind: DistributionKind;
  readonly scheme: BucketSchemeName;
  readonly training: SideAccumulator;
  readonly serving: SideAccumulator;
  /** Numeric features: bucket (see bucket-scheme.ts) → [training count, serving count], one lookup for both sides. */
  readonly buckets: Map<number, [number, number]>;
  readonly categories: CategoryCounts;
  readonly scatter: ScatterState;
}

/** An empty accumulator for a feature, or undefined for a vector (vectors have no distribution). @internal */
export function newFeatureAccumulator(spec: Pick<FeatureSpec, 'type'>): FeatureAccumulator | undefined {
  const kind = distributionKind(spec.type);
  if (kind === undefined) return undefined;
  return {
    kind,
    scheme: spec.type === 'timestamp' ? 'hour' : 'log',
    training: { values: 0, nulls: 0, nan: 0 },
    serving: { values: 0, nulls: 0, nan: 0 },
    buckets: new Map(),
    categories: newCategoryCounts(),
    scatter: newScatterState(),
  };
}

/** One side's counts in the feature's buckets, nonzero only. @internal */
export function sideBuckets(acc: FeatureAccumulator, side: 0 | 1): Map<number, number> {
  const out = new Map<number, number>();
  for (const [bucket, counts] of acc.buckets) if (counts[side] > 0) out.set(bucket, counts[side]);
  return out;
}

type Value = number | string | null | undefined;

function countNumber(acc: FeatureAccumulator, scheme: BucketScheme, v: Value, i: 0 | 1): void {
  const side = i === 0 ? acc.training : acc.serving;
  if (v === null) side.nulls++;
  else if (typeof v !== 'number') return;
  else if (Number.isNaN(v)) side.nan++;
  else {
    side.values++;
    const b = scheme.bucketOf(v);
    const known = acc.buckets.get(b);
    if (known === undefined) acc.buckets.set(b, i === 0 ? [1, 0] : [0, 1]);
    else known[i]++;
  }
}

function countText(acc: FeatureAccumulator, v: Value, i: 0 | 1): void {
  const side = i === 0 ? acc.training : acc.serving;
  if (v === null) side.nulls++;
  else if (typeof v === 'string') {
    side.values++;
    countCategory(acc.categories, v, i);
  }
}

/**
 * Counts one compared record's values of each feature, both sides; `types[i]` and `accumulators[i]` belong to feature
 * `names[i]`. A side that did not produce the feature, or produced a value of the wrong type, is not counted.
 * @internal
 */
export function observeRecord(
  accumulators: readonly (FeatureAccumulator | undefined)[],
  types: readonly FeatureSpec['type'][],
  names: readonly string[],
  training: Readonly<Record<string, unknown>>,
  serving: Readonly<Record<string, unknown>>,
  line: number,
): void {
  let hash: number | undefined;
  for (let i = 0; i < names.length; i++) {
    const acc = accumulators[i];
    if (acc === undefined) continue;
    const type = types[i] as FeatureSpec['type'];
    const name = names[i] as string;
    const t = distributionValue(type, training[name]);
    const s = distributionValue(type, serving[name]);
    if (acc.kind === 'categorical') {
      countText(acc, t, 0);
      countText(acc, s, 1);
      continue;
    }
    const scheme = acc.scheme === 'hour' ? HOURLY : LOG_LINEAR;
    countNumber(acc, scheme, t, 0);
    countNumber(acc, scheme, s, 1);
    if (typeof t === 'number' && typeof s === 'number' && Number.isFinite(t) && Number.isFinite(s)) {
      hash ??= hashLine(line);
      offerPair(acc.scatter, hash, line, t, s);
    }
  }
}

function mergeSide(into: SideAccumulator, other: SideAccumulator): void {
  into.values += other.values;
  into.nulls += other.nulls;
  into.nan += other.nan;
}

/** Adds `other` (the same feature, another partition or shard) into `into`. @internal */
export function mergeFeatureAccumulator(into: FeatureAccumulator, other: FeatureAccumulator): void {
  mergeSide(into.training, other.training);
  mergeSide(into.serving, other.serving);
  addPairCounts(into.buckets, other.buckets);
  mergeCategoryCounts(into.categories, other.categories);
  mergeScatter(into.scatter, other.scatter);
}
