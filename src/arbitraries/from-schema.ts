import type { Arbitrary } from 'fast-check';
import type { z } from 'zod';
import type * as core from 'zod/v4/core';
import { hasCustomCheck } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { accepts, arbitraryError, filterOrThrow } from './_context.ts';
import { arrayArbitrary, tupleArbitrary } from './array.ts';
import { bigintArbitrary } from './bigint.ts';
import { mapArbitrary, setArbitrary } from './collections.ts';
import { dateArbitrary } from './date.ts';
import { enumArbitrary } from './enum.ts';
import { lazyArbitrary } from './lazy.ts';
import { numberArbitrary } from './number.ts';
import { objectArbitrary } from './object.ts';
import { pipeArbitrary, transformArbitrary } from './pipe.ts';
import { primitiveArbitrary } from './primitives.ts';
import { recordArbitrary } from './record.ts';
import { stringArbitrary } from './string.ts';
import { templateLiteralArbitrary } from './template-literal.ts';
import { DEFAULT_TIME_ZONES, offsetMinutes } from './timestamp-edges.ts';
import { intersectionArbitrary, unionArbitrary } from './union.ts';
import { nonOptionalArbitrary, nullableArbitrary, optionalArbitrary } from './wrappers.ts';

/**
 * Options of {@link arbitraryFromSchema} and {@link arbitraryHistories}.
 * @remarks Since 0.1
 * @public
 */
export interface ArbitraryOptions {
  /**
   * Per-field overrides keyed by dotted path, e.g. `{ 'merchant.name': fc.constant('x') }`. Array, set, map and
   * record items share their container's path; tuple items add their index. An overridden key is always present.
   */
  overrides?: Record<string, Arbitrary<unknown>>;
  /** IANA time zones whose DST transitions are used for timestamp edge cases (default {@link DEFAULT_TIME_ZONES}). */
  timeZones?: readonly string[];
  /** Weight of edge cases vs. plain random values, 0..1 (default 0.3). */
  edgeBias?: number;
}

/** Default weight of edge cases. */
const DEFAULT_EDGE_BIAS = 0.3;

/** Builds one node: an override if one matches its path, else the builder for its type. */
function build(schema: core.$ZodType, ctx: BuildContext): Arbitrary<unknown> {
  const override = ctx.overrides.get(ctx.path);
  if (override !== undefined) {
    ctx.usedOverrides.add(ctx.path);
    return override;
  }
  const arb = dispatch(schema as core.$ZodTypes, ctx);
  // refine/superRefine predicates are opaque: keep only the values the schema accepts.
  return hasCustomCheck(schema) && schema._zod.def.type !== 'custom' ? filterOrThrow(arb, accepts(schema), ctx) : arb;
}

function dispatch(schema: core.$ZodTypes, ctx: BuildContext): Arbitrary<unknown> {
  const def = schema._zod.def;
  switch (def.type) {
    case 'string':
      return stringArbitrary(schema as core.$ZodString, ctx);
    case 'number':
      return numberArbitrary(schema as core.$ZodNumber, ctx);
    case 'bigint':
      return bigintArbitrary(schema as core.$ZodBigInt, ctx);
    case 'date':
      return dateArbitrary(schema as core.$ZodDate, ctx);
    case 'object':
      return objectArbitrary(schema as core.$ZodObject, ctx);
    case 'array':
      return arrayArbitrary(schema as core.$ZodArray, ctx);
    case 'tuple':
      return tupleArbitrary(schema as core.$ZodTuple, ctx);
    case 'record':
      return recordArbitrary(schema as core.$ZodRecord, ctx);
    case 'set':
      return setArbitrary(schema as core.$ZodSet, ctx);
    case 'map':
      return mapArbitrary(schema as core.$ZodMap, ctx);
    case 'union':
      return unionArbitrary(schema as core.$ZodUnion, ctx);
    case 'intersection':
      return intersectionArbitrary(schema as core.$ZodIntersection, ctx);
    case 'enum':
    case 'literal':
      return enumArbitrary(schema as core.$ZodEnum | core.$ZodLiteral, ctx);
    case 'template_literal':
      return templateLiteralArbitrary(schema as core.$ZodTemplateLiteral, ctx);
    case 'optional':
    case 'default':
    case 'prefault':
      return optionalArbitrary(schema as core.$ZodOptional | core.$ZodDefault | core.$ZodPrefault, ctx);
    case 'nullable':
      return nullableArbitrary(schema as core.$ZodNullable, ctx);
    case 'nonoptional':
      return nonOptionalArbitrary(schema as core.$ZodNonOptional, ctx);
    case 'readonly':
    case 'catch':
    case 'success':
      return ctx.build(def.innerType, ctx);
    case 'pipe':
      return pipeArbitrary(schema as core.$ZodPipe, ctx);
    case 'transform':
      return transformArbitrary(schema as core.$ZodTransform, ctx);
    case 'lazy':
      return lazyArbitrary(schema as core.$ZodLazy, ctx);
    default:
      return primitiveArbitrary(schema, ctx);
  }
}

/**
 * Resolves options into the root build context, validating the time zones.
 * @internal
 */
export function createContext(api: string, options: ArbitraryOptions = {}): BuildContext {
  const timeZones = options.timeZones ?? DEFAULT_TIME_ZONES;
  const root: BuildContext = {
    api,
    path: '',
    edgeBias: Math.min(1, Math.max(0, options.edgeBias ?? DEFAULT_EDGE_BIAS)),
    timeZones,
    overrides: new Map(Object.entries(options.overrides ?? {})),
    usedOverrides: new Set(),
    lazyDepth: 0,
    exhausted: false,
    build,
  };
  for (const zone of timeZones) {
    try {
      offsetMinutes(zone, 0);
    } catch {
      throw arbitraryError(root, `unknown time zone "${zone}" in options.timeZones`);
    }
  }
  return root;
}

/**
 * Throws when an override path matched no node of the schema (a typo would otherwise be silently ignored).
 * @internal
 */
export function assertOverridesUsed(ctx: BuildContext): void {
  const unused = [...ctx.overrides.keys()].filter((path) => !ctx.usedOverrides.has(path));
  if (unused.length > 0)
    throw arbitraryError({ ...ctx, path: '' }, `override "${unused.join('", "')}" matches no field`);
}

/**
 * Turns a zod v4 schema into a fast-check arbitrary whose every value passes the schema (for pipes and
 * transforms: the input side), with edge cases that expose training/serving skew mixed in: numeric
 * boundaries, -0, halves, big integers, tricky Unicode and whitespace, DST and calendar timestamps, empty and
 * single-element arrays, null for nullable fields and absent keys for optional ones.
 *
 * `refine`/`superRefine` predicates cannot be seen into, so values are filtered with `schema.safeParse`.
 *
 * @param schema - the contract's input schema (or any zod v4 schema)
 * @param options - overrides, time zones and edge bias
 * @returns an arbitrary of values the schema accepts
 * @throws SkewError `SKEW_CONTRACT_INVALID` naming the path of an unsupported type (function, promise, custom,
 *   never, file, symbol keys) or of an override that matches no field
 * @remarks Since 0.1
 * @public
 */
export function arbitraryFromSchema(schema: z.ZodType, options?: ArbitraryOptions): Arbitrary<unknown> {
  const ctx = createContext('arbitraryFromSchema', options);
  const arb = build(schema, ctx);
  assertOverridesUsed(ctx);
  return arb;
}
