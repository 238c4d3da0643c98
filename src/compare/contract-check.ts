import {
  categoryAllows,
  type FeatureSpec,
  type NanPolicy,
  type NumericRange,
  nanPolicyOf,
} from '../contract/feature-spec.ts';

function outOfRange(x: number | bigint, range: NumericRange | undefined): string | undefined {
  if (range === undefined) return undefined;
  if (range.min !== undefined && x < range.min) return `below min ${range.min}`;
  if (range.max !== undefined && x > range.max) return `above max ${range.max}`;
  return undefined;
}

/**
 * Checks a normalised, non-null value against the contract's own range, vocabulary and NaN rule.
 * @param nan - the contract's NaN policy, for a float feature without `allowNaN` (default `forbid`)
 * @returns the violation, or undefined when the value is legal
 */
export function contractViolation(spec: FeatureSpec, value: unknown, nan?: NanPolicy): string | undefined {
  switch (spec.type) {
    case 'int':
      return outOfRange(value as number | bigint, spec.range);
    case 'float': {
      const x = value as number;
      if (Number.isNaN(x))
        return nanPolicyOf(spec, nan) !== 'forbid' ? undefined : 'NaN but the feature does not allow NaN';
      return outOfRange(x, spec.range);
    }
    case 'string':
      if (spec.allowed === undefined || spec.allowed.includes(value as string)) return undefined;
      return 'not an allowed value';
    case 'category':
      if (categoryAllows(spec, value as string | number)) return undefined;
      return spec.oov === undefined ? 'outside the vocabulary' : `outside the vocabulary (oov is "${spec.oov}")`;
    case 'vector':
      for (const x of value as number[]) {
        if (Number.isNaN(x)) return 'vector element is NaN';
        const broken = outOfRange(x, spec.range);
        if (broken !== undefined) return `vector element ${x} ${broken}`;
      }
      return undefined;
    default:
      return undefined;
  }
}
