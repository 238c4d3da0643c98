import type { FeatureSpec } from '../contract/feature-spec.ts';
import { hashLine } from '../golden/stratify-pools.ts';
import { HOURLY, LOG_LINEAR } from './bucket-scheme.ts';
import { countCategory, reserveCategory } from './category-counts.ts';
import { distributionValue } from './distribution-value.ts';
import type { FeatureAccumulator, SideAccumulator } from './feature-accumulator.ts';
import { offerPair } from './scatter-state.ts';

/** One feature's answers of a set of records, each side's values by index. @internal */
export interface AnswerColumns {
  readonly training: ArrayLike<unknown>;
  readonly serving: ArrayLike<unknown>;
}

function countSide(side: SideAccumulator, v: number | string | null | undefined): void {
  if (v === null) side.nulls++;
  else if (typeof v === 'number' && Number.isNaN(v)) side.nan++;
}

/**
 * Counts compared records' features column by column: record `i` is index `i` of each column, at line `lines[i]`,
 * skipped when `skip[i]` is not 0 (it is counted record by record, after these: its categories are reserved in its
 * place, so that categories are kept in the order of their records). The same counts as `observeRecord` on each
 * record's features.
 * @internal
 */
export function observeColumns(
  accumulators: readonly (FeatureAccumulator | undefined)[],
  types: readonly FeatureSpec['type'][],
  columns: readonly AnswerColumns[],
  skip: Uint8Array,
  lines: ArrayLike<number>,
): void {
  const records = skip.length;
  let hashes: Float64Array | undefined;
  for (let f = 0; f < columns.length; f++) {
    const acc = accumulators[f];
    if (acc === undefined) continue;
    const type = types[f] as FeatureSpec['type'];
    const { training, serving } = columns[f] as AnswerColumns;
    const tSide = acc.training;
    const sSide = acc.serving;
    if (acc.kind === 'categorical') {
      for (let i = 0; i < records; i++) {
        const t = distributionValue(type, training[i]);
        const s = distributionValue(type, serving[i]);
        if (skip[i] !== 0) {
          if (typeof t === 'string') reserveCategory(acc.categories, t);
          if (typeof s === 'string') reserveCategory(acc.categories, s);
          continue;
        }
        if (typeof t === 'string') {
          tSide.values++;
          countCategory(acc.categories, t, 0);
        } else if (t === null) tSide.nulls++;
        if (typeof s === 'string') {
          sSide.values++;
          countCategory(acc.categories, s, 1);
        } else if (s === null) sSide.nulls++;
      }
      continue;
    }
    const scheme = acc.scheme === 'hour' ? HOURLY : LOG_LINEAR;
    const buckets = acc.buckets;
    // The bucket of the last value, and its counts: runs of one bucket are common (ids, times, small counts).
    let lastBucket = Number.NaN;
    let last: [number, number] | undefined;
    const count = (v: number, side: 0 | 1): void => {
      const b = scheme.bucketOf(v);
      if (b !== lastBucket || last === undefined) {
        lastBucket = b;
        last = buckets.get(b);
        if (last === undefined) {
          last = [0, 0];
          buckets.set(b, last);
        }
      }
      last[side]++;
    };
    for (let i = 0; i < records; i++) {
      if (skip[i] !== 0) continue;
      const t = distributionValue(type, training[i]);
      const s = distributionValue(type, serving[i]);
      const tCounted = typeof t === 'number' && !Number.isNaN(t);
      const sCounted = typeof s === 'number' && !Number.isNaN(s);
      if (tCounted) {
        tSide.values++;
        count(t, 0);
      } else countSide(tSide, t);
      if (sCounted) {
        sSide.values++;
        count(s, 1);
      } else countSide(sSide, s);
      if (tCounted && sCounted && Number.isFinite(t) && Number.isFinite(s)) {
        hashes ??= lineHashes(lines, skip);
        offerPair(acc.scatter, hashes[i] as number, lines[i] as number, t, s);
      }
    }
  }
}

function lineHashes(lines: ArrayLike<number>, skip: Uint8Array): Float64Array {
  const out = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) if (skip[i] === 0) out[i] = hashLine(lines[i] as number);
  return out;
}
