import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { accepts, arbitraryError, validConstants, validGroups, withEdges } from './_context.ts';
import { integerBetween, multiple } from './_numeric.ts';
import { boundaryCandidates, NUMBER_EDGE_GROUPS } from './number-edges.ts';

const FORMAT_BOUNDS: Record<string, readonly [number, number, boolean]> = {
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true],
  int32: [-(2 ** 31), 2 ** 31 - 1, true],
  uint32: [0, 2 ** 32 - 1, true],
  float32: [-3.4028234663852886e38, 3.4028234663852886e38, false],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE, false],
};

interface Range {
  min: number;
  minIncl: boolean;
  max: number;
  maxIncl: boolean;
  int: boolean;
  step: number | undefined;
}

function readRange(schema: core.$ZodType): Range {
  const r: Range = { min: -Infinity, minIncl: true, max: Infinity, maxIncl: true, int: false, step: undefined };
  for (const c of readChecks(schema)) {
    if (c.check === 'greater_than' && Number(c.value) >= r.min) {
      r.minIncl = Number(c.value) === r.min ? r.minIncl && c.inclusive : c.inclusive;
      r.min = Number(c.value);
    } else if (c.check === 'less_than' && Number(c.value) <= r.max) {
      r.maxIncl = Number(c.value) === r.max ? r.maxIncl && c.inclusive : c.inclusive;
      r.max = Number(c.value);
    } else if (c.check === 'multiple_of') {
      r.step ??= Number(c.value);
    } else if (c.check === 'number_format') {
      const [lo, hi, int] = FORMAT_BOUNDS[c.format] ?? [-Infinity, Infinity, false];
      if (lo > r.min) [r.min, r.minIncl] = [lo, true];
      if (hi < r.max) [r.max, r.maxIncl] = [hi, true];
      r.int ||= int;
    }
  }
  if (r.step !== undefined && Number.isInteger(r.step) && r.step !== 0) r.int = true;
  return r;
}

/** The range of integers k such that k * unit satisfies the bounds; `span` bounds an open side. */
function kRange(r: Range, unit: number, span: number): [number, number] | undefined {
  let lo = Math.ceil(r.min / unit);
  if (!r.minIncl && lo * unit <= r.min) lo += 1;
  let hi = Math.floor(r.max / unit);
  if (!r.maxIncl && hi * unit >= r.max) hi -= 1;
  const [hasMin, hasMax] = [Number.isFinite(r.min), Number.isFinite(r.max)];
  if (!hasMin && !hasMax) [lo, hi] = [-span, span];
  else if (!hasMin) lo = hi - 2 * span;
  else if (!hasMax) hi = lo + 2 * span;
  return lo <= hi ? [lo, hi] : undefined;
}

/** The part of [lo, hi] within `radius` of the point nearest to zero: where everyday values live. */
function nearZero(lo: number, hi: number, radius: number): [number, number] {
  const centre = Math.min(hi, Math.max(lo, 0));
  return [Math.max(lo, centre - radius), Math.min(hi, centre + radius)];
}

/** Integers, or multiples of `step`: mostly near zero, sometimes anywhere in range. */
function plainMultiples(r: Range, step: number | undefined, ctx: BuildContext): Arbitrary<number> {
  const unit = step ?? 1;
  const range = kRange(r, unit, step === undefined ? 2 ** 52 : Math.max(100, Math.ceil(1e6 / unit)));
  if (range === undefined) throw arbitraryError(ctx, 'no number satisfies the bounds and multipleOf');
  const [lo, hi] = range;
  const [nearLo, nearHi] = nearZero(lo, hi, Math.max(10, Math.ceil(1000 / unit)));
  const toValue = (k: number) => (step === undefined ? k : multiple(k, step));
  return fc.oneof(
    { arbitrary: integerBetween(nearLo, nearHi).map(toValue), weight: 3 },
    { arbitrary: integerBetween(lo, hi).map(toValue), weight: 1 },
  );
}

function plainNumbers(r: Range, ctx: BuildContext): Arbitrary<number> {
  const step = r.step === undefined || r.step === 0 ? undefined : Math.abs(r.step);
  if (step !== undefined || r.int) return plainMultiples(r, step, ctx);
  const anywhere = fc.double({
    ...(Number.isFinite(r.min) ? { min: r.min, minExcluded: !r.minIncl } : {}),
    ...(Number.isFinite(r.max) ? { max: r.max, maxExcluded: !r.maxIncl } : {}),
    noNaN: true,
    noDefaultInfinity: true,
  });
  const [lo, hi] = nearZero(r.min, r.max, 1e4);
  // Amounts with two decimals (12.34) are not exact in binary: the values rounding code meets every day.
  const cents = integerBetween(Math.ceil(lo * 100), Math.max(Math.ceil(lo * 100), Math.floor(hi * 100))).map(
    (k) => k / 100,
  );
  const near = fc.double({ min: lo, max: hi, noNaN: true });
  return fc.oneof({ arbitrary: near, weight: 2 }, { arbitrary: cents, weight: 2 }, { arbitrary: anywhere, weight: 1 });
}

/**
 * Builds numbers for `z.number()` and its checks (int, safe, int32/uint32/float32, min/max, gt/lt, multipleOf),
 * mixing in boundary values and skew-prone constants that the schema accepts.
 * @param schema - a `z.number()` schema
 * @param ctx - the build context
 * @internal
 */
export function numberArbitrary(schema: core.$ZodNumber, ctx: BuildContext): Arbitrary<unknown> {
  const r = readRange(schema);
  if (r.min > r.max) throw arbitraryError(ctx, `no number satisfies min ${r.min} > max ${r.max}`);
  const ok = accepts(schema);
  const edges: Array<Arbitrary<unknown>> = validGroups(schema, [...NUMBER_EDGE_GROUPS, boundaryCandidates(r)]);
  let plain: Arbitrary<unknown> = plainNumbers(r, ctx).filter(ok);
  if (schema._zod.def.coerce === true) {
    // z.coerce.number() takes any input: numeric strings (and '' → 0) are the realistic skew here.
    edges.push(...validConstants(schema, ['', ' 12 ', '1e3', '0x10', '-0', '007', true, null]));
    plain = fc.oneof(plain, plainNumbers(r, ctx).map(String).filter(ok));
  }
  return withEdges(plain, edges, ctx);
}
