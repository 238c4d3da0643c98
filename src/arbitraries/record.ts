import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { accepts, filterOrThrow, withEdges } from './_context.ts';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);
/** zod retries keys matching this with `Number(key)`, so `z.record(z.number(), …)` accepts '1' but not '5e-324'. */
const NUMERIC_KEY = /^-?\d+(?:\.\d+)?$/;

/** The finite key set of an enum/literal key schema, or undefined for open key types. */
function finiteKeys(keyType: core.$ZodType): string[] | undefined {
  const values = keyType._zod.values;
  if (values === undefined) return undefined;
  return [...values].filter((v) => typeof v === 'string' || typeof v === 'number').map(String);
}

/**
 * Builds plain objects for `z.record()` and `z.partialRecord()`. Enum/literal keys are exhaustive (every key
 * present) for `z.record` and optional for `z.partialRecord`; other key schemas generate up to five keys.
 * Values share the record's path.
 * @param schema - a record schema
 * @param ctx - the build context
 * @internal
 */
export function recordArbitrary(schema: core.$ZodRecord, ctx: BuildContext): Arbitrary<unknown> {
  const { keyType, valueType } = schema._zod.def;
  const partial = (schema._zod.def as { partial?: boolean }).partial === true;
  const keys = finiteKeys(keyType);
  if (keys !== undefined) {
    if (ctx.exhausted && partial) return fc.constant({});
    const value = ctx.build(valueType, ctx);
    const fields = Object.fromEntries(keys.map((k) => [k, value]));
    return fc.record(fields, { requiredKeys: partial ? [] : keys, noNullPrototype: true });
  }
  if (ctx.exhausted) return fc.constant({});
  const keyOk = accepts(keyType);
  const key = filterOrThrow(
    ctx.build(keyType, ctx).map((k) => (typeof k === 'number' ? String(k) : k)),
    (k) => typeof k === 'string' && !RESERVED.has(k) && (keyOk(k) || (NUMERIC_KEY.test(k) && keyOk(Number(k)))),
    ctx,
  ) as Arbitrary<string>;
  const dict = fc.dictionary(key, ctx.build(valueType, ctx), { maxKeys: 5, noNullPrototype: true });
  return withEdges(dict, [fc.constant({})], ctx);
}
