import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { unsupported, withEdges } from './_context.ts';

/**
 * Builds values for the schemas without structure: boolean, null, undefined, void, NaN, symbol, and
 * any/unknown (JSON values, as logged records hold). Throws for never, function, promise, custom and file.
 * @param schema - a leaf schema
 * @param ctx - the build context
 * @internal
 */
export function primitiveArbitrary(schema: core.$ZodType, ctx: BuildContext): Arbitrary<unknown> {
  const type = schema._zod.def.type;
  switch (type) {
    case 'boolean': {
      // z.coerce.boolean() is Boolean(input): the string 'false' becomes true.
      const coerce = (schema as core.$ZodBoolean)._zod.def.coerce === true;
      const edges: Array<Arbitrary<unknown>> = coerce ? [fc.constantFrom<unknown>('false', '0', 0, '', null)] : [];
      return withEdges<unknown>(fc.boolean(), edges, ctx);
    }
    case 'null':
      return fc.constant(null);
    case 'undefined':
    case 'void':
      return fc.constant(undefined);
    case 'nan':
      return fc.constant(Number.NaN);
    case 'symbol':
      return fc.string({ maxLength: 4 }).map((s) => Symbol(s));
    case 'any':
    case 'unknown':
      return ctx.exhausted ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
    case 'never':
      throw unsupported(ctx, type, 'no value satisfies z.never()');
    case 'custom':
      throw unsupported(ctx, type, 'z.custom()/z.instanceof() predicates cannot be generated; pass an override');
    default:
      throw unsupported(ctx, type);
  }
}
