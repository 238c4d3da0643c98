import type { FeatureSpec } from '../contract/feature-spec.ts';

/**
 * The values a feature may hold, each a stratum: a category's (its out-of-vocabulary one last; none for an open
 * category, whose observed values are strata), a bool's, an enumerated string's. Integer category indices as text.
 */
export function valuesOf(spec: FeatureSpec): readonly string[] | undefined {
  if (spec.type === 'category')
    return [...(spec.values ?? []), ...(spec.oov === undefined ? [] : [spec.oov])].map(String);
  if (spec.type === 'bool') return ['false', 'true'];
  if (spec.type === 'string' && spec.allowed !== undefined) return spec.allowed;
  return undefined;
}

/** A value's stratum key: a string or bool as text, an integer category index as text; undefined for anything else. */
export function valueKeyOf(spec: FeatureSpec, value: unknown): string | undefined {
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (spec.type === 'category' && spec.kind === 'index' && typeof value === 'number') return String(value);
  return undefined;
}

/** A numeric feature's value as a number (int, float, timestamp as epoch ms or ISO text); undefined if none. */
export function numberOf(spec: FeatureSpec, value: unknown): number | undefined {
  if (spec.type !== 'int' && spec.type !== 'float' && spec.type !== 'timestamp') return undefined;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && spec.type === 'timestamp'
          ? Date.parse(value)
          : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** Compares by UTF-16 code units: the same order on every machine and locale. */
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
