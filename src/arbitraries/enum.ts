import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { arbitraryError } from './_context.ts';

/**
 * Builds values for `z.enum()` (including TypeScript enums, whose reverse mappings zod already drops) and
 * `z.literal()` with one or more values.
 * @param schema - an enum or literal schema
 * @param ctx - the build context
 * @internal
 */
export function enumArbitrary(schema: core.$ZodEnum | core.$ZodLiteral, ctx: BuildContext): Arbitrary<unknown> {
  const values = [...(schema._zod.values ?? [])];
  if (values.length === 0) throw arbitraryError(ctx, `${schema._zod.def.type} has no values`);
  return fc.constantFrom(...values);
}
