import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { accepts, filterOrThrow } from './_context.ts';

/**
 * Builds strings for `z.templateLiteral()`: literal parts verbatim, schema parts from their own generators
 * written with `String()`; values the template's pattern rejects (e.g. `1e+21`) are filtered out.
 * @param schema - a template literal schema
 * @param ctx - the build context
 * @internal
 */
export function templateLiteralArbitrary(schema: core.$ZodTemplateLiteral, ctx: BuildContext): Arbitrary<unknown> {
  const parts = schema._zod.def.parts.map((part) =>
    typeof part === 'object' && part !== null ? ctx.build(part as core.$ZodType, ctx) : fc.constant(part),
  );
  const joined = fc.tuple(...parts).map((values) => values.map((v) => String(v ?? '')).join(''));
  return filterOrThrow(joined, accepts(schema), ctx);
}
