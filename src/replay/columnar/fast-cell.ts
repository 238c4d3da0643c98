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

/** Marks the rows where two columns of numbers do not certainly agree. */
export type DoubtNumbers = (a: Float64Array, b: Float64Array, doubted: Uint8Array) => void;

/**
 * `fastCell` over two whole columns of numbers (no nulls), for an int or float feature without a range: the same rows
 * doubted, in one loop of plain number arithmetic (no call, no number boxed per cell). Undefined for any other
 * feature, whose cells `fastCell` checks.
 * @internal
 */
export function numberDoubter(spec: FeatureSpec): DoubtNumbers | undefined {
  if ((spec.type !== 'int' && spec.type !== 'float') || spec.range !== undefined) return undefined;
  if (spec.type === 'int')
    return (a, b, doubted) => {
      for (let i = 0; i < doubted.length; i++) {
        const x = a[i] as number;
        if (doubted[i] === 0 && !(x === b[i] && Number.isSafeInteger(x))) doubted[i] = 1;
      }
    };
  const abs = spec.tolerance?.abs ?? 0;
  const rel = spec.tolerance?.rel ?? 0;
  const isclose = spec.tolerance?.rule === 'isclose';
  return (a, b, doubted) => {
    for (let i = 0; i < doubted.length; i++) {
      const x = a[i] as number;
      const y = b[i] as number;
      if (doubted[i] !== 0 || x === y) continue;
      // withinTolerance, inlined
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        doubted[i] = 1;
        continue;
      }
      const relBound = rel * Math.max(Math.abs(x), Math.abs(y));
      if (!(Math.abs(x - y) <= (isclose ? Math.max(relBound, abs) : abs + relBound))) doubted[i] = 1;
    }
  };
}
