import type { FeatureSpec } from '../contract/feature-spec.ts';
import { hashLine } from '../golden/stratify-pools.ts';
import { addPairCounts } from './_pair-counts.ts';
import { pairReader } from './_pair-reader.ts';
import { type BucketScheme, type BucketSchemeName, HOURLY, LOG_LINEAR } from './bucket-scheme.ts';
import {
  type CategoryCounts,
  countCategory,
  countCategoryBoth,
  mergeCategoryCounts,
  newCategoryCounts,
} from './category-counts.ts';
import { categoricalValue, type DistributionKind, distributionKind, numericValue } from './distribution-value.ts';
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

/** Slots of a {@link BucketCache} (a power of two). */
const CACHE_SLOTS = 256;

/**
 * The bucket cells of one accumulator counted last, by bucket number modulo the slots: a value of a bucket seen before
 * is counted by an array access instead of a map lookup. A cell is the array the accumulator's `buckets` map holds
 * (cells are only ever added to that map, never replaced), so the counts are those of the map.
 */
interface BucketCache {
  acc: FeatureAccumulator | undefined;
  readonly keys: Float64Array;
  readonly cells: ([number, number] | undefined)[];
}

function newBucketCache(): BucketCache {
  return { acc: undefined, keys: new Float64Array(CACHE_SLOTS), cells: new Array(CACHE_SLOTS).fill(undefined) };
}

/** Both sides' raw values of the record being counted (see `pairReader`), reused record after record. */
const rawPairs: unknown[] = [];

/** Caches by the accumulator list they serve (a report's distribution state lives as long as its list). */
const cachesByList = new WeakMap<readonly unknown[], BucketCache[]>();

function cachesOf(accumulators: readonly (FeatureAccumulator | undefined)[]): BucketCache[] {
  let caches = cachesByList.get(accumulators);
  if (caches === undefined) {
    caches = accumulators.map(newBucketCache);
    cachesByList.set(accumulators, caches);
  }
  return caches;
}

/** The [training, serving] counts of bucket `b`, created at zero when the accumulator has none yet. */
function bucketCell(acc: FeatureAccumulator, cache: BucketCache, b: number): [number, number] {
  const slot = b & (CACHE_SLOTS - 1);
  let cell = cache.keys[slot] === b ? cache.cells[slot] : undefined;
  if (cell === undefined) {
    cell = acc.buckets.get(b);
    if (cell === undefined) {
      cell = [0, 0];
      acc.buckets.set(b, cell);
    }
    cache.keys[slot] = b;
    cache.cells[slot] = cell;
  }
  return cell;
}

function countNumber(acc: FeatureAccumulator, cache: BucketCache, scheme: BucketScheme, v: Value, i: 0 | 1): void {
  const side = i === 0 ? acc.training : acc.serving;
  if (v === null) side.nulls++;
  else if (typeof v !== 'number') return;
  else if (Number.isNaN(v)) side.nan++;
  else {
    side.values++;
    bucketCell(acc, cache, scheme.bucketOf(v))[i]++;
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
  const caches = cachesOf(accumulators);
  const raw = rawPairs;
  pairReader(names)(training, serving, raw);
  let hash: number | undefined;
  for (let i = 0; i < names.length; i++) {
    const acc = accumulators[i];
    if (acc === undefined) continue;
    const type = types[i] as FeatureSpec['type'];
    const rawT = raw[2 * i];
    const rawS = raw[2 * i + 1];
    // Both sides' values are often the same (sides that agree, or one served object): converted once.
    if (acc.kind === 'categorical') {
      const t = categoricalValue(rawT);
      if (rawS === rawT && typeof t === 'string') {
        // The same text on both sides: one lookup counts both.
        acc.training.values++;
        acc.serving.values++;
        countCategoryBoth(acc.categories, t);
      } else {
        countText(acc, t, 0);
        countText(acc, rawS === rawT ? t : categoricalValue(rawS), 1);
      }
      continue;
    }
    const t = typeof rawT === 'number' ? rawT : numericValue(type, rawT);
    const s = rawS === rawT ? t : typeof rawS === 'number' ? rawS : numericValue(type, rawS);
    let cache = caches[i] as BucketCache;
    if (cache.acc !== acc) {
      cache = newBucketCache();
      cache.acc = acc;
      caches[i] = cache;
    }
    const scheme = acc.scheme === 'hour' ? HOURLY : LOG_LINEAR;
    if (t === s && typeof t === 'number') {
      // The same number on both sides (not NaN: NaN !== NaN): one bucket counts both.
      acc.training.values++;
      acc.serving.values++;
      const cell = bucketCell(acc, cache, scheme.bucketOf(t));
      cell[0]++;
      cell[1]++;
    } else {
      countNumber(acc, cache, scheme, t, 0);
      countNumber(acc, cache, scheme, s, 1);
    }
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
