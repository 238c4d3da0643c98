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
    const numeric: Numeric = {
      acc,
      scheme: acc.scheme === 'hour' ? HOURLY : LOG_LINEAR,
      // Runs of one bucket are common (ids, times, small counts): the last bucket is at hand.
      last: { bucket: Number.NaN, counts: undefined },
      skip,
      lines,
      hashes: () => {
        hashes ??= lineHashes(lines, skip);
        return hashes;
      },
    };
    // Numbers straight from typed arrays; anything else as the distribution counts it. One loop per kind of column,
    // so that its element reads stay monomorphic.
    if (training instanceof Float64Array && serving instanceof Float64Array) countNumbers(numeric, training, serving);
    else countValues(numeric, type, training, serving);
  }
}

/** What counting one numeric feature's columns needs. */
interface Numeric {
  readonly acc: FeatureAccumulator;
  readonly scheme: BucketScheme;
  readonly last: { bucket: number; counts: [number, number] | undefined };
  readonly skip: Uint8Array;
  readonly lines: ArrayLike<number>;
  readonly hashes: () => Float64Array;
}

/** Counts one record's pair of values (numbers, nulls, undefined for a wrong type). */
function countPair(c: Numeric, i: number, t: Counted, s: Counted): void {
  const { acc } = c;
  const tCounted = typeof t === 'number' && !Number.isNaN(t);
  const sCounted = typeof s === 'number' && !Number.isNaN(s);
  if (tCounted) {
    acc.training.values++;
    countNumber(acc.buckets, c.scheme, t, 0, c.last);
  } else countOther(acc.training, t);
  if (sCounted) {
    acc.serving.values++;
    countNumber(acc.buckets, c.scheme, s, 1, c.last);
  } else countOther(acc.serving, s);
  if (tCounted && sCounted && Number.isFinite(t) && Number.isFinite(s))
    offerPair(acc.scatter, c.hashes()[i] as number, c.lines[i] as number, t, s);
}

function countNumbers(c: Numeric, training: Float64Array, serving: Float64Array): void {
  const { skip } = c;
  for (let i = 0; i < skip.length; i++) if (skip[i] === 0) countPair(c, i, training[i] as number, serving[i] as number);
}

function countValues(
  c: Numeric,
  type: FeatureSpec['type'],
  training: ArrayLike<unknown>,
  serving: ArrayLike<unknown>,
): void {
  const { skip } = c;
  for (let i = 0; i < skip.length; i++)
    if (skip[i] === 0) countPair(c, i, distributionValue(type, training[i]), distributionValue(type, serving[i]));
}

function lineHashes(lines: ArrayLike<number>, skip: Uint8Array): Float64Array {
  const out = new Float64Array(lines.length);
  for (let i = 0; i < lines.length; i++) if (skip[i] === 0) out[i] = hashLine(lines[i] as number);
  return out;
}
