import type { FeatureSpec } from '../contract/feature-spec.ts';
import { fmt, plural, rangeNote } from './_describe.ts';
import { DEFAULT_INFER_CONSTRAINTS, type InferConstraints } from './infer-fields.ts';
import { kindsOf, stringValues, timestampKind, type ValueStats, valued } from './value-stats.ts';

/** The guess for one feature: its spec and the notes explaining it. @public */
export interface FeatureGuess {
  readonly name: string;
  readonly spec: FeatureSpec;
  readonly notes: readonly string[];
}

const TIME_NAME = /^(ts|time|timestamp|date)$|_at$|_ts$|_time$|At$|Time$/;
const EXACT =
  'compared exactly (the default); if the sides may differ in the last digits, add tolerance { abs: 1e-9, rel: 1e-12 }';

function mostCommon(lengths: ReadonlyMap<number, number>): number {
  return [...lengths].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 1;
}

/** The spec (without nullable) and notes of a feature with at least one non-null value. */
function baseGuess(
  name: string,
  stats: ValueStats,
  constraints: InferConstraints,
): { spec: FeatureSpec; notes: string[] } {
  const kinds = kindsOf(stats);
  const n = valued(stats);
  const range = Number.isFinite(stats.min) ? [rangeNote(stats.min, stats.max)] : [];
  const only = kinds.length === 1 ? kinds[0] : undefined;
  const time = timestampKind(stats);
  if (kinds.length === 0) {
    return {
      spec: { type: 'float' },
      notes: [`always null in ${plural(stats.present, 'record')}: type unknown, written float — correct it`],
    };
  }
  if (only === 'boolean') return { spec: { type: 'bool' }, notes: ['true/false'] };
  if (time === 'iso')
    return {
      spec: { type: 'timestamp' },
      notes: [`ISO 8601 date-times in all ${plural(n, 'value')} → timestamp, compared as instants`],
    };
  if (time === 'epoch-ms' && TIME_NAME.test(name)) {
    return {
      spec: { type: 'timestamp' },
      notes: ['epoch milliseconds, named like a time → timestamp, compared as instants'],
    };
  }
  if (only === 'integer') {
    const wide =
      stats.wide > 0 ? `, ${plural(stats.wide, 'value')} beyond 2^53 (compared exactly as 64-bit integers)` : '';
    return { spec: { type: 'int' }, notes: [`whole numbers in all ${plural(n, 'value')} → int${wide}`, ...range] };
  }
  if (only === 'number') {
    const why = stats.writtenFloats === n ? 'whole values, written as floats (20.0)' : 'fractional values';
    const nan =
      stats.nonFinite > 0 ? [`${plural(stats.nonFinite, 'NaN or ±Infinity')} → allowNaN (check it is meant)`] : [];
    const spec: FeatureSpec = stats.nonFinite > 0 ? { type: 'float', allowNaN: true } : { type: 'float' };
    return { spec, notes: [`${why} → float`, EXACT, ...range, ...nan] };
  }
  if (only === 'string') {
    const distinct = stats.distinct.size;
    if (distinct <= constraints.enumMaxValues && n >= constraints.enumMinRecords) {
      const values = stringValues(stats);
      return {
        spec: { type: 'category', values },
        notes: [
          `${plural(distinct, 'distinct value')} over ${plural(n, 'record')} → category (a value outside them is a contract violation; add oov for an out-of-vocabulary value)`,
        ],
      };
    }
    return {
      spec: { type: 'string' },
      notes: [`${fmt(distinct)} distinct strings over ${plural(n, 'record')} → string`],
    };
  }
  if (
    only === 'array' &&
    stats.items !== undefined &&
    kindsOf(stats.items).every((k) => k === 'integer' || k === 'number')
  ) {
    const length = mostCommon(stats.lengths);
    const uneven =
      stats.lengths.size > 1
        ? ` (lengths vary: ${[...stats.lengths.keys()].join(', ')} — a vector has one length)`
        : '';
    return {
      spec: { type: 'vector', length },
      notes: [`arrays of ${length} numbers → vector${uneven}`, 'compared element-wise, exactly'],
    };
  }
  return {
    spec: { type: 'string' },
    notes: [`values of type ${kinds.join(', ')}: no feature type holds them — TODO: choose one; written string`],
  };
}

/**
 * Guesses each feature's spec from the `served` objects of a sample: type (int, float, bool, category with its values,
 * string, timestamp, vector), nullable; floats compared exactly unless the user adds a tolerance.
 * @param served - the served-features stats (an object's fields: one per feature)
 * @param constraints - thresholds (a category is a string feature with few distinct values)
 * @remarks Since 0.1
 * @public
 */
export function inferFeatures(
  served: ValueStats,
  constraints: InferConstraints = DEFAULT_INFER_CONSTRAINTS,
): FeatureGuess[] {
  return [...served.fields].map(([name, stats]) => {
    const { spec, notes } = baseGuess(name, stats, constraints);
    if (stats.present < served.objects) notes.push(`missing from ${plural(served.objects - stats.present, 'record')}`);
    if (stats.nulls === 0 || kindsOf(stats).length === 0) {
      return { name, spec: kindsOf(stats).length === 0 ? { ...spec, nullable: true } : spec, notes };
    }
    notes.push(`null in ${plural(stats.nulls, 'record')} → nullable`);
    return { name, spec: { ...spec, nullable: true }, notes };
  });
}
