import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * Integers in [min, max] (both finite integers), beyond the 32-bit range of `fc.integer` when needed.
 * @internal
 */
export function integerBetween(min: number, max: number): Arbitrary<number> {
  if (min >= INT32_MIN && max <= INT32_MAX) return fc.integer({ min, max });
  return fc.bigInt({ min: BigInt(min), max: BigInt(max) }).map(Number);
}

const view = new DataView(new ArrayBuffer(8));

/**
 * The next representable double after `x` in the direction of `toward` (like C's `nextafter`).
 * @internal
 */
export function nextAfter(x: number, toward: number): number {
  if (Number.isNaN(x) || Number.isNaN(toward)) return Number.NaN;
  if (x === toward) return toward;
  if (x === 0) return toward > 0 ? Number.MIN_VALUE : -Number.MIN_VALUE;
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, toward > x === x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * Rounds `k * step` to the decimals of `step`, so 3 * 0.1 is 0.3 and not 0.30000000000000004.
 * @internal
 */
export function multiple(k: number, step: number): number {
  const raw = k * step;
  const [mantissa = '', exponent = '0'] = String(step).split('e');
  const decimals = (mantissa.split('.')[1]?.length ?? 0) - Number(exponent);
  return decimals > 0 && decimals <= 20 ? Number(raw.toFixed(decimals)) : raw;
}
