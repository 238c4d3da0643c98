import type { FeatureType } from '../contract/feature-spec.ts';
import { plainUtcInstant } from '../replay/decode/parse-timestamp.ts';
import { capValue } from '../replay/tally/cap-value.ts';

/** How a feature's values are counted: numeric in buckets, categorical per value; vectors are not counted. @internal */
export type DistributionKind = 'numeric' | 'categorical';

/** The kind of distribution a feature type has, or undefined (vectors: no distribution). @internal */
export function distributionKind(type: FeatureType): DistributionKind | undefined {
  if (type === 'int' || type === 'float' || type === 'timestamp') return 'numeric';
  if (type === 'vector') return undefined;
  return 'categorical';
}

/**
 * One side's raw value as its distribution counts it: a number (numeric features: ints, floats, timestamps as epoch
 * ms, NaN included), a text (categorical: the value as text, a text longer than a report keeps cut as reports cut it,
 * so that one huge value is not kept whole in counts, bins and merge data), `null`, or undefined for a value of the
 * wrong type (the comparison reports it) or an absent one.
 * @internal
 */
export function distributionValue(type: FeatureType, value: unknown): number | string | null | undefined {
  return distributionKind(type) === 'categorical' ? categoricalValue(value) : numericValue(type, value);
}

/** {@link distributionValue} of a categorical feature's value. @internal */
export function categoricalValue(value: unknown): string | null | undefined {
  if (value === null) return null;
  const t = typeof value;
  if (t === 'string') return capValue(value) as string;
  return t === 'number' || t === 'boolean' ? String(value) : undefined;
}

/** {@link distributionValue} of a numeric feature's value (`type`: int, float or timestamp). @internal */
export function numericValue(type: FeatureType, value: unknown): number | null | undefined {
  if (typeof value === 'number') return value;
  if (value === null) return null;
  if (typeof value === 'bigint') return Number(value);
  if (type !== 'timestamp') return undefined;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') {
    // The common form without Date.parse (which gives the same, slower).
    const plain = plainUtcInstant(value);
    if (plain !== undefined) return plain;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  return undefined;
}
