import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks, readLengthBounds } from './_checks.ts';
import type { BuildContext } from './_context.ts';

/**
 * Builds `Set`s for `z.set()` with `min`/`max`/`size` (values compared with `Object.is`, as `Set` does).
 * @param schema - a set schema
 * @param ctx - the build context
 * @internal
 */
export function setArbitrary(schema: core.$ZodSet, ctx: BuildContext): Arbitrary<unknown> {
  const { min, max } = readLengthBounds(readChecks(schema));
  const value = ctx.build(schema._zod.def.valueType, ctx);
  const hi = max ?? Math.max(min, 6);
  return fc.uniqueArray(value, { minLength: min, maxLength: hi, comparator: 'SameValueZero' }).map((xs) => new Set(xs));
}

/**
 * Builds `Map`s for `z.map()` (keys unique by `SameValueZero`, as `Map` compares them).
 * @param schema - a map schema
 * @param ctx - the build context
 * @internal
 */
export function mapArbitrary(schema: core.$ZodMap, ctx: BuildContext): Arbitrary<unknown> {
  const { min, max } = readLengthBounds(readChecks(schema));
  const entry = fc.tuple(ctx.build(schema._zod.def.keyType, ctx), ctx.build(schema._zod.def.valueType, ctx));
  const entries = fc.uniqueArray(entry, {
    minLength: min,
    maxLength: max ?? Math.max(min, 6),
    selector: ([k]) => k,
    comparator: 'SameValueZero',
  });
  return ctx.exhausted && min === 0 ? fc.constant(new Map()) : entries.map((es) => new Map(es));
}
