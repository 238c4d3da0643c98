import { identicalIsFine } from '../../compare/compare-features.ts';
import { contractViolation } from '../../compare/contract-check.ts';
import { withinTolerance } from '../../compare/numbers.ts';
import type { FeatureSpec } from '../../contract/feature-spec.ts';

/**
 * For one feature, whether two answered values certainly agree the way the record comparator would find it, with the
 * observer then called once with them (it counts nothing for nulls): the same primitive of the feature's type within
 * the contract, two finite floats within tolerance and range, or two nulls of a nullable feature. Anything else (a
 * null of a feature that is not nullable, NaN, a difference) is left to the comparator itself.
 * @internal
 */
export function fastCell(spec: FeatureSpec): (a: unknown, b: unknown) => boolean {
  const nullable = spec.nullable === true;
  const identical = (a: unknown, b: unknown): boolean =>
    a === b && a !== undefined && (a === null ? nullable : typeof a !== 'object' && identicalIsFine(spec, a));
  if (spec.type !== 'float') return identical;
  const { tolerance, range } = spec;
  return (a, b) => {
    if (identical(a, b)) return true;
    if (typeof a !== 'number' || typeof b !== 'number' || !Number.isFinite(a) || !Number.isFinite(b)) return false;
    if (!withinTolerance(a, b, tolerance)) return false;
    return (
      range === undefined ||
      (contractViolation(spec, a + 0) === undefined && contractViolation(spec, b + 0) === undefined)
    );
  };
}
