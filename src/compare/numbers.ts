import type { FloatTolerance } from '../contract/feature-spec.ts';

/**
 * The contract's float rule: `|a-b| <= abs + rel * max(|a|,|b|)` (rule `numpy`, the default) or
 * `|a-b| <= max(rel * max(|a|,|b|), abs)` (rule `isclose`); -0 equals 0; infinities equal only themselves.
 */
export function withinTolerance(a: number, b: number, tolerance: FloatTolerance | undefined): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const abs = tolerance?.abs ?? 0;
  const rel = tolerance?.rel ?? 0;
  const relBound = rel * Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= (tolerance?.rule === 'isclose' ? Math.max(relBound, abs) : abs + relBound);
}

/** Absolute and relative error of two finite numbers (relative to the larger magnitude). */
export function errors(a: number, b: number): { absError: number; relError: number } {
  const absError = Math.abs(a - b);
  const scale = Math.max(Math.abs(a), Math.abs(b));
  return { absError, relError: scale === 0 ? 0 : absError / scale };
}

/** A compact, stable rendering of a magnitude for class keys: `1e-3`, `1e+2`. */
export function magnitude(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return String(x);
  return `1e${Math.floor(Math.log10(Math.abs(x))) >= 0 ? '+' : ''}${Math.floor(Math.log10(Math.abs(x)))}`;
}

/** Integer difference shape for class keys: the direction (the size is in each divergence's detail). */
export function deltaBucket(delta: bigint): string {
  return delta > 0n ? 'serving higher' : 'serving lower';
}
