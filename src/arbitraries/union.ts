import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { accepts, filterOrThrow } from './_context.ts';

/**
 * Builds values for `z.union()`, `z.discriminatedUnion()` and `z.xor()` by picking an option. For `z.xor()`
 * (exclusive, no discriminator) values matching several options are filtered out. Once recursion is exhausted,
 * options that cannot be built any deeper are skipped.
 * @param schema - a union schema
 * @param ctx - the build context
 * @internal
 */
export function unionArbitrary(schema: core.$ZodUnion, ctx: BuildContext): Arbitrary<unknown> {
  const def = schema._zod.def as core.$ZodUnionDef & { inclusive?: boolean; discriminator?: string };
  const built: Array<Arbitrary<unknown>> = [];
  let firstError: unknown;
  for (const option of def.options) {
    try {
      built.push(ctx.build(option, ctx));
    } catch (error) {
      if (!ctx.exhausted) throw error;
      firstError ??= error;
    }
  }
  const [first, ...rest] = built;
  if (first === undefined) throw firstError;
  const picked = rest.length === 0 ? first : fc.oneof(first, ...rest);
  const exclusive = def.inclusive === false && def.discriminator === undefined;
  return exclusive ? filterOrThrow(picked, accepts(schema), ctx) : picked;
}

/**
 * Builds values for `z.intersection()`: objects from both sides are merged, other values come from the left
 * side; either way only values the intersection accepts are kept.
 * @param schema - an intersection schema
 * @param ctx - the build context
 * @internal
 */
export function intersectionArbitrary(schema: core.$ZodIntersection, ctx: BuildContext): Arbitrary<unknown> {
  const { left, right } = schema._zod.def;
  const isPlain = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  const merged = fc
    .tuple(ctx.build(left, ctx), ctx.build(right, ctx))
    .map(([l, r]) => (isPlain(l) && isPlain(r) ? { ...l, ...r } : l));
  return filterOrThrow(merged, accepts(schema), ctx);
}
