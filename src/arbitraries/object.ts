import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { accepts, atPath, withEdges } from './_context.ts';

/** Keys that must not be created by assignment on a plain object. */
const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether an object key may be absent: optional, default and prefault fields (zod's `optin`) that accept an absent
 * value, unless the user overrode the field, in which case the override decides. (A pipe whose input is a bare
 * transform, as zod's JSON Schema conversion makes for `uniqueItems`, says `optin` yet rejects `undefined`.)
 * @internal
 */
export function isOptionalKey(field: core.$ZodType, path: string, ctx: BuildContext): boolean {
  return field._zod.optin !== undefined && !ctx.overrides.has(path) && accepts(field)(undefined);
}

/**
 * Builds plain objects for `z.object()`, `z.strictObject()` and `z.looseObject()`. Optional keys are sometimes
 * absent; loose objects and objects with a `catchall` sometimes carry extra keys (strict and default objects
 * never do).
 * @param schema - an object schema
 * @param ctx - the build context
 * @internal
 */
export function objectArbitrary(schema: core.$ZodObject, ctx: BuildContext): Arbitrary<unknown> {
  const { shape, catchall } = schema._zod.def;
  const fields: Record<string, Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const child = atPath(ctx, key);
    fields[key] = ctx.build(field, child);
    if (!isOptionalKey(field, child.path, ctx)) required.push(key);
  }
  const record = fc.record(fields, { requiredKeys: required, noNullPrototype: true });
  if (catchall === undefined || catchall._zod.def.type === 'never') return record;
  const extraKey = fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !(k in shape) && !RESERVED.has(k));
  const extras = fc.dictionary(extraKey, ctx.build(catchall, atPath(ctx, '*')), { maxKeys: 3, noNullPrototype: true });
  const withExtras = fc.tuple(record, extras).map(([known, extra]) => ({ ...extra, ...known }));
  return withEdges(record, [withExtras], ctx);
}
