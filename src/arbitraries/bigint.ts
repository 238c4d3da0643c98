import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { accepts, arbitraryError, validConstants, withEdges } from './_context.ts';

const FORMAT_BOUNDS: Record<string, readonly [bigint, bigint]> = {
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
};

/** Int64 ids above 2^53 are where JSON numbers, doubles and pandas silently lose precision. */
const BIGINT_EDGES: readonly bigint[] = [
  0n,
  1n,
  -1n,
  2n ** 31n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  -(2n ** 53n + 1n),
  2n ** 63n - 1n,
  -(2n ** 63n),
  2n ** 63n,
  2n ** 64n - 1n,
  10n ** 20n,
];

function toBigInt(value: unknown): bigint {
  return typeof value === 'bigint' ? value : BigInt(Number(value));
}

/**
 * Builds bigints for `z.bigint()` with min/max, gt/lt, multipleOf and int64/uint64 formats, mixing in
 * values around 2^53, 2^63 and 2^64 and the schema's own bounds.
 * @param schema - a `z.bigint()` schema
 * @param ctx - the build context
 * @internal
 */
export function bigintArbitrary(schema: core.$ZodBigInt, ctx: BuildContext): Arbitrary<unknown> {
  let min: bigint | undefined;
  let max: bigint | undefined;
  let step: bigint | undefined;
  for (const c of readChecks(schema)) {
    if (c.check === 'greater_than') {
      const v = toBigInt(c.value) + (c.inclusive ? 0n : 1n);
      if (min === undefined || v > min) min = v;
    } else if (c.check === 'less_than') {
      const v = toBigInt(c.value) - (c.inclusive ? 0n : 1n);
      if (max === undefined || v < max) max = v;
    } else if (c.check === 'multiple_of') {
      step ??= toBigInt(c.value);
    } else if (c.check === 'bigint_format') {
      const [lo, hi] = FORMAT_BOUNDS[c.format] ?? [undefined, undefined];
      if (lo !== undefined && (min === undefined || lo > min)) min = lo;
      if (hi !== undefined && (max === undefined || hi < max)) max = hi;
    }
  }
  if (min !== undefined && max !== undefined && min > max) throw arbitraryError(ctx, 'no bigint satisfies the bounds');
  const bounds = { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
  const small = {
    min: min !== undefined && min > -1_000_000n ? min : -1_000_000n,
    max: max !== undefined && max < 1_000_000n ? max : 1_000_000n,
  };
  let plain =
    small.min <= small.max
      ? fc.oneof({ arbitrary: fc.bigInt(small), weight: 3 }, { arbitrary: fc.bigInt(bounds), weight: 1 })
      : fc.bigInt(bounds);
  if (step !== undefined && step !== 0n) {
    const s = step < 0n ? -step : step;
    plain = fc
      .bigInt({
        ...(min === undefined ? {} : { min: ceilDiv(min, s) }),
        ...(max === undefined ? {} : { max: floorDiv(max, s) }),
      })
      .map((k) => k * s);
  }
  const candidates = [...BIGINT_EDGES];
  for (const b of [min, max]) if (b !== undefined) candidates.push(b, b + 1n, b - 1n);
  if (step !== undefined) for (const k of [-2n, -1n, 1n, 2n]) candidates.push(k * step);
  return withEdges(plain.filter(accepts(schema)), validConstants(schema, candidates), ctx);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}
