import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks, readLengthBounds } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { arbitraryError, atPath, withEdges } from './_context.ts';

/** Generated arrays stay short unless the schema demands more: features over lists are tested by shape, not bulk. */
const DEFAULT_MAX = 8;

/**
 * Arrays of `element` with `minLength..maxLength` elements, mixing in the shortest allowed (empty, one element)
 * and the longest allowed when the schema bounds it.
 * @internal
 */
export function boundedArray<T>(
  element: Arbitrary<T>,
  min: number,
  max: number | undefined,
  ctx: BuildContext,
): Arbitrary<T[]> {
  if (max !== undefined && max < min) throw arbitraryError(ctx, `no array length in [${min}, ${max}]`);
  const hi = max ?? Math.max(min, DEFAULT_MAX);
  if (ctx.exhausted) return fc.array(element, { minLength: min, maxLength: min });
  const plain = fc.array(element, { minLength: min, maxLength: Math.min(hi, Math.max(min, DEFAULT_MAX) + 2) });
  const edges: Array<Arbitrary<T[]>> = [];
  if (min === 0) edges.push(fc.constant([]));
  if (min <= 1 && hi >= 1) edges.push(fc.array(element, { minLength: 1, maxLength: 1 }));
  if (max !== undefined && max > 1 && max <= 64) edges.push(fc.array(element, { minLength: max, maxLength: max }));
  return withEdges(plain, edges, ctx);
}

/**
 * Builds arrays for `z.array()` with `min`, `max`, `length` and `nonempty`. Elements share the array's path,
 * so an override of `items.price` applies to every element's `price`.
 * @param schema - an array schema
 * @param ctx - the build context
 * @internal
 */
export function arrayArbitrary(schema: core.$ZodArray, ctx: BuildContext): Arbitrary<unknown> {
  const { min, max } = readLengthBounds(readChecks(schema));
  if (ctx.exhausted && min === 0) return fc.constant([]);
  return boundedArray(ctx.build(schema._zod.def.element, ctx), min, max, ctx);
}

/**
 * Builds tuples for `z.tuple()`, with up to three `rest` elements. Item `i` has path `<path>.i`.
 * @param schema - a tuple schema
 * @param ctx - the build context
 * @internal
 */
export function tupleArbitrary(schema: core.$ZodTuple, ctx: BuildContext): Arbitrary<unknown> {
  const { items, rest } = schema._zod.def;
  const head = fc.tuple(...items.map((item, i) => ctx.build(item, atPath(ctx, i))));
  if (rest === null || ctx.exhausted) return head;
  const tail = boundedArray(ctx.build(rest, ctx), 0, 3, ctx);
  return fc.tuple(head, tail).map(([h, t]) => [...h, ...t]);
}
