import type { Arbitrary } from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { arbitraryError } from './_context.ts';

/** Beyond this many nested `z.lazy`, builders take their shortest branch (undefined, null, [], {}). */
const SOFT_DEPTH = 3;
/** Beyond this many, the schema has no branch that ends. */
const HARD_DEPTH = 12;

/**
 * Builds values for `z.lazy()` (recursive schemas) by unfolding the getter a few levels deep; past
 * `SOFT_DEPTH` optional, nullable, array, record and union builders stop recursing.
 * @param schema - a lazy schema
 * @param ctx - the build context
 * @internal
 */
export function lazyArbitrary(schema: core.$ZodLazy, ctx: BuildContext): Arbitrary<unknown> {
  const lazyDepth = ctx.lazyDepth + 1;
  if (lazyDepth > HARD_DEPTH) {
    throw arbitraryError(
      ctx,
      'recursive z.lazy() schema never ends (make the recursion optional, nullable or an array)',
    );
  }
  return ctx.build(schema._zod.def.getter(), { ...ctx, lazyDepth, exhausted: ctx.exhausted || lazyDepth > SOFT_DEPTH });
}
