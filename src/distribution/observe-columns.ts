import type { FeatureSpec } from '../contract/feature-spec.ts';
import { hashLine } from '../golden/stratify-pools.ts';
import { type BucketScheme, HOURLY, LOG_LINEAR } from './bucket-scheme.ts';
import { type CategoryCounts, countCategory, reserveCategory } from './category-counts.ts';
import { distributionValue } from './distribution-value.ts';
import type { FeatureAccumulator, SideAccumulator } from './feature-accumulator.ts';
import { offerPair } from './scatter-state.ts';

/** One feature's answers of a set of records, each side's values by index. @internal */
export interface AnswerColumns {
  readonly training: ArrayLike<unknown>;
  readonly serving: ArrayLike<unknown>;
}

type Counted = number | string | null | undefined;

/** Distinct answers of a categorical feature counted by identity in a short list before they reach the counts. */
const HOT = 32;

/**
 * A categorical feature's answers: each answer that comes again (by identity: the same string, boolean or number) is
 * counted in a short list and its counts added at the end; the first time, its category is reserved in the counts,
 * so that categories are kept in the order they came. A category the counts drop meanwhile (beyond their cap) is
 * dropped with its counts, as counting it value by value would.
 */
function observeCategories(
  acc: FeatureAccumulator,
  type: FeatureSpec['type'],
  { training, serving }: AnswerColumns,
  skip: Uint8Array,
): void {
  const categories = acc.categories;
  const raw: unknown[] = [];
  const texts: Counted[] = [];
  const counts: number[] = []; // [training, serving] per answer held
  const sides = [acc.training, acc.serving] as const;
  const count = (value: unknown, side: 0 | 1): void => {
    for (let j = 0; j < raw.length; j++) {
      if (raw[j] === value) {
        counts[2 * j + side] = (counts[2 * j + side] as number) + 1;
        return;
      }
    }
    const text = distributionValue(type, value);
    if (raw.length < HOT && !(typeof value === 'number' && Number.isNaN(value))) {
      raw.push(value);
      texts.push(text);
      counts.push(side === 0 ? 1 : 0, side === 1 ? 1 : 0);
      if (typeof text === 'string') reserveCategory(categories, text);
      return;
    }
    countText(sides[side], categories, text, side);
  };
  for (let i = 0; i < skip.length; i++) {
    if (skip[i] === 0) {
      count(training[i], 0);
      count(serving[i], 1);
      continue;
    }
    const t = distributionValue(type, training[i]);
    const s = distributionValue(type, serving[i]);
    if (typeof t === 'string') reserveCategory(categories, t);
    if (typeof s === 'string') reserveCategory(categories, s);
  }
  for (let j = 0; j < raw.length; j++) {
    const text = texts[j];
    for (const side of [0, 1] as const) {
      const n = counts[2 * j + side] as number;
      if (text === null) sides[side].nulls += n;
      else if (typeof text === 'string') {
        sides[side].values += n;
        const known = categories.counts.get(text);
        if (known !== undefined) known[side] += n;
      }
    }
  }
}

function countText(side: SideAccumulator, categories: CategoryCounts, text: Counted, i: 0 | 1): void {
  if (text === null) side.nulls++;
  else if (typeof text === 'string') {
    side.values++;
    countCategory(categories, text, i);
  }
}

/** Counts one side's number (not NaN) into the buckets: `last` is the bucket counted last and its counts. */
function countNumber(
  buckets: Map<number, [number, number]>,
  scheme: BucketScheme,
  v: number,
  side: 0 | 1,
  last: { bucket: number; counts: [number, number] | undefined },
): void {
  const b = scheme.bucketOf(v);
  if (b !== last.bucket || last.counts === undefined) {
    last.bucket = b;
    last.counts = buckets.get(b);
    if (last.counts === undefined) {
      last.counts = [0, 0];
      buckets.set(b, last.counts);
    }
  }
  last.counts[side]++;
}

function countOther(side: SideAccumulator, v: Counted): void {
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
    if (acc.kind === 'categorical') {
      observeCategories(acc, type, columns[f] as AnswerColumns, skip);
      continue;
    }
    const { training, serving } = columns[f] as AnswerColumns;
    const tSide = acc.training;
    const sSide = acc.serving;
    const scheme = acc.scheme === 'hour' ? HOURLY : LOG_LINEAR;
    // Runs of one bucket are common (ids, times, small counts): the last bucket is at hand.
    const last = { bucket: Number.NaN, counts: undefined as [number, number] | undefined };
    // Numbers straight from typed arrays; anything else as the distribution counts it.
    const plain = numbers(training) && numbers(serving);
    for (let i = 0; i < records; i++) {
      if (skip[i] !== 0) continue;
      const t = plain ? (training[i] as number) : distributionValue(type, training[i]);
      const s = plain ? (serving[i] as number) : distributionValue(type, serving[i]);
      const tCounted = typeof t === 'number' && !Number.isNaN(t);
      const sCounted = typeof s === 'number' && !Number.isNaN(s);
      if (tCounted) {
        tSide.values++;
        countNumber(acc.buckets, scheme, t, 0, last);
      } else countOther(tSide, t);
      if (sCounted) {
        sSide.values++;
        countNumber(acc.buckets, scheme, s, 1, last);
      } else countOther(sSide, s);
      if (tCounted && sCounted && Number.isFinite(t) && Number.isFinite(s)) {
        hashes ??= lineHashes(lines, skip);
        offerPair(acc.scatter, hashes[i] as number, lines[i] as number, t, s);
      }
    }
  }
}

/** Whether values are numbers as they are (a typed array of numbers, not of bigints). */
function numbers(values: ArrayLike<unknown>): boolean {
  return (
    ArrayBuffer.isView(values) &&
    !(values instanceof DataView) &&
    !(values instanceof BigInt64Array) &&
    !(values instanceof BigUint64Array)
  );
}

function lineHashes(lines: ArrayLike<number>, skip: Uint8Array): Float64Array {
  const out = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) if (skip[i] === 0) out[i] = hashLine(lines[i] as number);
  return out;
}
