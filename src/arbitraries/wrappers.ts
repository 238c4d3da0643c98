import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { accepts, filterOrThrow, validConstants, withEdges } from './_context.ts';

/**
 * Builds inputs for `.optional()`, `.default()` and `.prefault()`: the inner value, or `undefined`
 * (and, for defaults, the default value itself), with `ctx.edgeBias` of the weight. Absent keys are the
 * object builder's job.
 * @param schema - an optional, default or prefault schema
 * @param ctx - the build context
 * @internal
 */
export function optionalArbitrary(
  schema: core.$ZodOptional | core.$ZodDefault | core.$ZodPrefault,
  ctx: BuildContext,
): Arbitrary<unknown> {
  if (ctx.exhausted) return fc.constant(undefined);
  const def = schema._zod.def;
  const edges: Array<Arbitrary<unknown>> = [fc.constant(undefined)];
  if (def.type !== 'optional') edges.push(...validConstants(def.innerType, [def.defaultValue]));
  return withEdges(ctx.build(def.innerType, ctx), edges, ctx);
}

/**
 * Builds inputs for `.nullable()`: the inner value or `null`.
 * @param schema - a nullable schema
 * @param ctx - the build context
 * @internal
 */
export function nullableArbitrary(schema: core.$ZodNullable, ctx: BuildContext): Arbitrary<unknown> {
  if (ctx.exhausted) return fc.constant(null);
  return withEdges(ctx.build(schema._zod.def.innerType, ctx), [fc.constant(null)], ctx);
}

/**
 * Builds inputs for `.nonoptional()`: the inner schema's values except `undefined`.
 * @param schema - a nonoptional schema
 * @param ctx - the build context
 * @internal
 */
export function nonOptionalArbitrary(schema: core.$ZodNonOptional, ctx: BuildContext): Arbitrary<unknown> {
  let inner = schema._zod.def.innerType;
  // Skip the optional layer itself, so that edge bias 1 (always undefined) cannot starve the filter.
  while (inner._zod.def.type === 'optional') inner = (inner as core.$ZodOptional)._zod.def.innerType;
  return filterOrThrow(ctx.build(inner, ctx), accepts(schema), ctx);
}
