import { multiple, nextAfter } from './_numeric.ts';

/**
 * Numbers that expose skew between implementations, in groups of equal weight: signed zero; halves (round
 * half-up vs half-even); negatives (floor, truncation and modulo differ); values around 2^31, 2^32 and 2^53;
 * float noise and exponent notation; non-finite values. The caller drops candidates the schema rejects.
 * @internal
 */
export const NUMBER_EDGE_GROUPS: ReadonlyArray<readonly number[]> = [
  [0, -0],
  [0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 12.5, -12.5, 0.49999999999999994],
  [-1, -7, -10, -0.1, -2.5, -(2 ** 31)],
  [2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, -(2 ** 53 - 1), 2 ** 53, 2 ** 53 + 2, -(2 ** 53)],
  [0.1 + 0.2, 1.005, 2.675, 1e21, 1e-7, Number.EPSILON, Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE],
  [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY],
];

/**
 * Bounds of a number schema as read from its checks.
 * @internal
 */
export interface NumberBounds {
  min: number;
  max: number;
  step: number | undefined;
}

/**
 * Candidates at and around the schema's own bounds: min, max, min+1, max-1, the nearest doubles,
 * min+0.5, max-0.5, and the multiples of `step` nearest to the bounds and to zero.
 * @internal
 */
export function boundaryCandidates({ min, max, step }: NumberBounds): number[] {
  const out: number[] = [];
  for (const b of [min, max]) {
    if (!Number.isFinite(b)) continue;
    out.push(b, b + 1, b - 1, b + 0.5, b - 0.5, nextAfter(b, Number.POSITIVE_INFINITY), nextAfter(b, -Infinity));
    if (step !== undefined) {
      const k = Math.floor(b / step);
      for (const d of [-1, 0, 1, 2]) out.push(multiple(k + d, step));
    }
  }
  if (step !== undefined) for (const k of [-3, -2, -1, 1, 2, 3, 5]) out.push(multiple(k, step));
  return out;
}
