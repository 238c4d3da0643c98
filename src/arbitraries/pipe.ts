import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import { z } from 'zod';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { accepts, filterOrThrow } from './_context.ts';

const NOT_ENCODABLE = Symbol('not encodable');

/** An array's items with later repeats (by JSON value) dropped; anything else unchanged. */
function withoutRepeats(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const seen = new Set<string>();
  return value.filter((item) => {
    const key = JSON.stringify(item) ?? String(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Builds inputs for `.pipe()`, `.transform()` and codecs — always for the input side.
 * - codecs (`z.codec`, `z.stringbool()`): output values are encoded back to inputs with `z.safeEncode`;
 * - `a.transform(f)`: values of `a`, filtered by the whole schema because `f` may add issues or throw;
 * - `a.pipe(b)`: values of `a`, plus values of `b` (written with `String()` when `a` is a string) so that
 *   `z.string().pipe(z.coerce.number())` gets numeric strings, all filtered by the whole schema.
 * @param schema - a pipe schema
 * @param ctx - the build context
 * @internal
 */
export function pipeArbitrary(schema: core.$ZodPipe, ctx: BuildContext): Arbitrary<unknown> {
  const def = schema._zod.def as core.$ZodPipeDef & { reverseTransform?: unknown };
  const ok = accepts(schema);
  const input = ctx.build(def.in, ctx);
  if (def.out._zod.def.type === 'transform') return filterOrThrow(input, ok, ctx);
  const candidates: Array<Arbitrary<unknown>> = [input];
  if (typeof def.reverseTransform === 'function') {
    const encoded = ctx.build(def.out, ctx).map((v) => {
      const r = z.safeEncode(schema, v);
      return r.success ? r.data : NOT_ENCODABLE;
    });
    candidates.unshift(encoded.filter((v) => v !== NOT_ENCODABLE));
  } else {
    const fromOutput = ctx.build(def.out, ctx);
    const asString = def.in._zod.def.type === 'string';
    candidates.unshift(asString ? fromOutput.map((v) => (typeof v === 'string' ? v : String(v))) : fromOutput);
    // An array under a refining transform is most often `uniqueItems` (zod's JSON Schema conversion): also offer
    // the output's arrays without repeated items, so the whole schema's filter does not reject most of them.
    if (def.out._zod.def.type === 'array') candidates.unshift(fromOutput.map(withoutRepeats));
  }
  return filterOrThrow(fc.oneof(...candidates), ok, ctx);
}

/**
 * Builds inputs for a bare `z.transform(f)`, which accepts any input: JSON values that `f` does not reject.
 * @param schema - a transform schema
 * @param ctx - the build context
 * @internal
 */
export function transformArbitrary(schema: core.$ZodTransform, ctx: BuildContext): Arbitrary<unknown> {
  return filterOrThrow(fc.jsonValue({ maxDepth: 2 }), accepts(schema), ctx);
}
