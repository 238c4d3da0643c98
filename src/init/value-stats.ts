import { WrittenFloat } from './decode-sample-line.ts';

/** The JSON kinds inference tells apart. @public */
export type ValueKind = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';

/** Distinct values counted up to this many; beyond it a field is "many distinct values". */
export const DISTINCT_CAP = 100_000;

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
/** Epoch milliseconds between 2001-09-09 and 2286-11-20: a whole number there is taken for a time. */
const EPOCH_MS_MIN = 1e12;
const EPOCH_MS_MAX = 1e13;

/**
 * What a sample showed of one field (or feature, or array element): how often it was there, null, of each kind, its
 * numeric extremes, its distinct values, and the same for the fields of its objects and the elements of its arrays.
 * @public
 */
export interface ValueStats {
  /** Records where the key was present (null included). */
  present: number;
  nulls: number;
  readonly kinds: Set<ValueKind>;
  /** Whole values written as floats (`20.0`). */
  writtenFloats: number;
  /** Integers beyond 2^53 (read as bigint). */
  wide: number;
  /** NaN and ±Infinity. */
  nonFinite: number;
  min: number;
  max: number;
  /** Distinct non-null scalar values, by kind and text (capped at {@link DISTINCT_CAP}). */
  readonly distinct: Map<string, number>;
  /** Strings that are ISO 8601 date-times with a zone, and whole numbers in the epoch-milliseconds window. */
  isoStrings: number;
  epochMs: number;
  /** Object values: their fields' stats, in order of first appearance. */
  objects: number;
  readonly fields: Map<string, ValueStats>;
  /** Array values: their elements' stats and lengths. */
  arrays: number;
  items?: ValueStats;
  readonly lengths: Map<number, number>;
}

/** Empty stats. @public */
export function emptyStats(): ValueStats {
  return {
    present: 0,
    nulls: 0,
    kinds: new Set(),
    writtenFloats: 0,
    wide: 0,
    nonFinite: 0,
    min: Number.POSITIVE_INFINITY,
    max: Number.NEGATIVE_INFINITY,
    distinct: new Map(),
    isoStrings: 0,
    epochMs: 0,
    objects: 0,
    fields: new Map(),
    arrays: 0,
    lengths: new Map(),
  };
}

function count(stats: ValueStats, key: string): void {
  const seen = stats.distinct.get(key);
  if (seen !== undefined) stats.distinct.set(key, seen + 1);
  else if (stats.distinct.size < DISTINCT_CAP) stats.distinct.set(key, 1);
}

function observeNumber(stats: ValueStats, value: number, kind: ValueKind): void {
  stats.kinds.add(kind);
  if (!Number.isFinite(value)) {
    stats.nonFinite++;
    return;
  }
  stats.min = Math.min(stats.min, value);
  stats.max = Math.max(stats.max, value);
  if (kind === 'integer' && value >= EPOCH_MS_MIN && value < EPOCH_MS_MAX) stats.epochMs++;
}

/**
 * Adds one value to a field's stats.
 * @param stats - the field's stats, updated in place
 * @param value - a value as {@link decodeSampleLine} gives it
 * @public
 */
export function observeValue(stats: ValueStats, value: unknown): void {
  stats.present++;
  if (value === null || value === undefined) {
    stats.nulls++;
  } else if (value instanceof WrittenFloat) {
    stats.writtenFloats++;
    observeNumber(stats, value.value, 'number');
    count(stats, `n${value.value}`);
  } else if (typeof value === 'bigint') {
    stats.wide++;
    observeNumber(stats, Number(value), 'integer');
    count(stats, `n${value}`);
  } else if (typeof value === 'number') {
    observeNumber(stats, value, Number.isInteger(value) ? 'integer' : 'number');
    count(stats, `n${value}`);
  } else if (typeof value === 'string') {
    stats.kinds.add('string');
    if (ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value))) stats.isoStrings++;
    count(stats, `s${value}`);
  } else if (typeof value === 'boolean') {
    stats.kinds.add('boolean');
    count(stats, `b${value}`);
  } else if (Array.isArray(value)) {
    stats.kinds.add('array');
    stats.arrays++;
    stats.lengths.set(value.length, (stats.lengths.get(value.length) ?? 0) + 1);
    if (value.length > 0) stats.items ??= emptyStats();
    for (const item of value) observeValue(stats.items as ValueStats, item);
  } else if (typeof value === 'object') {
    stats.kinds.add('object');
    stats.objects++;
    for (const [key, field] of Object.entries(value)) {
      const fieldStats = stats.fields.get(key) ?? emptyStats();
      if (fieldStats.present === 0) stats.fields.set(key, fieldStats);
      observeValue(fieldStats, field);
    }
  }
}

/** The non-null values: records where the field held something. @public */
export function valued(stats: ValueStats): number {
  return stats.present - stats.nulls;
}

/** The kinds seen with `integer` folded into `number` when both were. @public */
export function kindsOf(stats: ValueStats): ValueKind[] {
  const kinds = [...stats.kinds];
  return kinds.includes('number') ? kinds.filter((k) => k !== 'integer') : kinds;
}

/** Every non-null value was an ISO date-time with a zone, or a whole number of epoch milliseconds. @public */
export function timestampKind(stats: ValueStats): 'iso' | 'epoch-ms' | undefined {
  const n = valued(stats);
  if (n === 0) return undefined;
  if (stats.isoStrings === n) return 'iso';
  if (stats.epochMs === n && stats.writtenFloats === 0 && kindsOf(stats).join() === 'integer') return 'epoch-ms';
  return undefined;
}

/** The distinct string values, sorted (only meaningful for a string field under the cap). @public */
export function stringValues(stats: ValueStats): string[] {
  return [...stats.distinct.keys()]
    .filter((k) => k.startsWith('s'))
    .map((k) => k.slice(1))
    .sort();
}
