/**
 * Feature specifications: what one feature of a contract may hold and how two values of it are compared.
 * Plain data, so a contract can also be loaded from JSON.
 */

import type { DistributionThresholds } from './distribution-thresholds.ts';

/**
 * How `abs` and `rel` combine: `numpy` (the default, like `numpy.isclose`) `|a-b| <= abs + rel * max(|a|, |b|)`;
 * `isclose` (like Python's `math.isclose`) `|a-b| <= max(rel * max(|a|, |b|), abs)`, i.e. within abs OR within rel.
 * @remarks Since 0.1
 * @public
 */
export type ToleranceRule = 'numpy' | 'isclose';

/** The tolerance rules, in order. @internal */
export const TOLERANCE_RULES: readonly ToleranceRule[] = ['numpy', 'isclose'];

/** Float tolerance: by default `|a-b| <= abs + rel * max(|a|, |b|)` (see {@link ToleranceRule}). @public */
export interface FloatTolerance {
  readonly abs?: number;
  readonly rel?: number;
  /** How abs and rel combine. Default `'numpy'`. */
  readonly rule?: ToleranceRule;
}

/**
 * What a NaN float value means (a contract's `nan`; a float feature's `allowNaN` overrides it):
 * - `forbid` (the default): NaN is a contract violation; NaN on one side only is also a value divergence.
 * - `equal`: NaN is a legal value and equals NaN; NaN against a number is a value divergence (as `allowNaN: true`).
 * - `diverge`: NaN is a legal value but equals nothing, not even NaN: NaN on either side is a value divergence.
 * @remarks Since 0.1
 * @public
 */
export type NanPolicy = 'forbid' | 'equal' | 'diverge';

/** The NaN policies, in order. @internal */
export const NAN_POLICIES: readonly NanPolicy[] = ['forbid', 'equal', 'diverge'];

/**
 * The NaN policy of one float feature: `allowNaN: true` is `equal`, `allowNaN: false` is `forbid`, unset takes the
 * contract's `nan` (default `forbid`). @internal
 */
export function nanPolicyOf(spec: { readonly allowNaN?: boolean }, contractDefault: NanPolicy | undefined): NanPolicy {
  if (spec.allowNaN !== undefined) return spec.allowNaN ? 'equal' : 'forbid';
  return contractDefault ?? 'forbid';
}

/** Vector tolerance: element-wise by the float rule, or by cosine similarity. @public */
export type VectorTolerance =
  | { readonly mode: 'elementwise'; readonly abs?: number; readonly rel?: number; readonly rule?: ToleranceRule }
  | { readonly mode: 'cosine'; readonly minSimilarity: number };

/** Numeric range, inclusive on both ends. @public */
export interface NumericRange {
  readonly min?: number;
  readonly max?: number;
}

interface FeatureBase {
  readonly description?: string;
  /** `null` is a legal value of this feature. Default false. */
  readonly nullable?: boolean;
  /**
   * The most this feature may diverge, as a share of compared records (0..1), accepted divergence classes included.
   * A cap only: a class not accepted fails the run whatever its rate. Default: no cap.
   */
  readonly maxMismatchRate?: number;
  /**
   * The most the feature's serving distribution may drift from training's (PSI, Jensen–Shannon distance, L∞, KS):
   * a distance over its threshold fails the run. Default: none (distances are reported, never gated).
   */
  readonly distribution?: DistributionThresholds;
}

/** @public */
export interface IntFeature extends FeatureBase {
  readonly type: 'int';
  readonly range?: NumericRange;
}
/** @public */
export interface FloatFeature extends FeatureBase {
  readonly type: 'float';
  readonly range?: NumericRange;
  readonly tolerance?: FloatTolerance;
  /**
   * `true`: NaN is a legal value and equals NaN (policy `equal`); `false`: NaN is a contract violation (policy
   * `forbid`). Default: the contract's `nan` policy, whose own default is `forbid` (see {@link NanPolicy}).
   */
  readonly allowNaN?: boolean;
}
/** @public */
export interface BoolFeature extends FeatureBase {
  readonly type: 'bool';
}
/** @public */
export interface StringFeature extends FeatureBase {
  readonly type: 'string';
  readonly allowed?: readonly string[];
}
/** A category of string labels (`kind: 'label'`, the default). @public */
export interface LabelCategoryFeature extends FeatureBase {
  readonly type: 'category';
  readonly kind?: 'label';
  /**
   * The vocabulary: a value outside it (other than `oov`) is a contract violation. Omitted: an open category, any
   * string is legal.
   */
  readonly values?: readonly string[];
  /** The explicit out-of-vocabulary value, legal besides `values`. */
  readonly oov?: string;
}
/** A category of integer indices (`kind: 'index'`), compared exactly. @remarks Since 0.1 @public */
export interface IndexCategoryFeature extends FeatureBase {
  readonly type: 'category';
  readonly kind: 'index';
  /** The vocabulary of indices. Omitted: an open category, any integer is legal. */
  readonly values?: readonly number[];
  /** The explicit out-of-vocabulary index, legal besides `values`. */
  readonly oov?: number;
}
/**
 * A categorical feature: string labels or integer indices, with a closed vocabulary (`values`) or open (no
 * `values`). Compared by exact equality. @public
 */
export type CategoryFeature = LabelCategoryFeature | IndexCategoryFeature;

/**
 * True when a category feature's value (already of the category's kind) is legal: any value of an open category,
 * a value of the vocabulary or the `oov` value of a closed one. @internal
 */
export function categoryAllows(spec: CategoryFeature, value: string | number): boolean {
  return spec.values === undefined || (spec.values as readonly unknown[]).includes(value) || value === spec.oov;
}

/** A label category's values and oov are strings, an index category's numbers. @internal */
export function categoryKindAgrees(c: {
  kind?: string | undefined;
  values?: readonly unknown[] | undefined;
  oov?: unknown;
}): boolean {
  const want = c.kind === 'index' ? 'number' : 'string';
  const values: readonly unknown[] = Array.isArray(c.values) ? c.values : [];
  return [...values, ...(c.oov === undefined ? [] : [c.oov])].every((v) => typeof v === want);
}

/** The values a category's `kind` takes. @internal */
export const CATEGORY_KINDS = ['label', 'index'] as const;
/** @public */
export interface TimestampFeature extends FeatureBase {
  readonly type: 'timestamp';
  /** Allowed difference in milliseconds. Default 0. */
  readonly tolerance?: { readonly ms: number };
}
/** @public */
export interface VectorFeature extends FeatureBase {
  readonly type: 'vector';
  /**
   * The number of elements every value has. Omitted: any length, which may vary from record to record, but the two
   * sides' vectors for one record must have the same length (else a `value` divergence, cause `vector length mismatch`).
   */
  readonly length?: number;
  readonly range?: NumericRange;
  readonly tolerance?: VectorTolerance;
}

/** One feature of a contract. @public */
export type FeatureSpec =
  | IntFeature
  | FloatFeature
  | BoolFeature
  | StringFeature
  | CategoryFeature
  | TimestampFeature
  | VectorFeature;

/** The feature types a contract can declare. @public */
export type FeatureType = FeatureSpec['type'];

/** @internal */
export const FEATURE_TYPES: readonly FeatureType[] = [
  'int',
  'float',
  'bool',
  'string',
  'category',
  'timestamp',
  'vector',
];

type CategoryValue<S extends CategoryFeature> = S extends { readonly values: readonly (infer V)[] }
  ? V | (S['oov'] extends string | number ? S['oov'] : never)
  : S extends { readonly kind: 'index' }
    ? number
    : string;

type BaseValue<S extends FeatureSpec> = S extends IntFeature
  ? number | bigint
  : S extends FloatFeature
    ? number
    : S extends BoolFeature
      ? boolean
      : S extends CategoryFeature
        ? CategoryValue<S>
        : S extends StringFeature
          ? S['allowed'] extends readonly string[]
            ? S['allowed'][number]
            : string
          : S extends TimestampFeature
            ? number | string | Date
            : S extends VectorFeature
              ? readonly number[]
              : never;

/** The TypeScript type of one feature's value. @public */
export type FeatureValue<S extends FeatureSpec> = S extends { readonly nullable: true }
  ? BaseValue<S> | null
  : BaseValue<S>;

/** The record of features a side returns for one input. @public */
export type FeatureRecord<F extends Record<string, FeatureSpec>> = { -readonly [K in keyof F]: FeatureValue<F[K]> };
