import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { accepts, filterOrThrow, validConstants, withEdges } from './_context.ts';
import { timestampEdges } from './timestamp-edges.ts';

/**
 * Builds `Date` objects for `z.date()` within its min/max, mixing in the timestamp edges (DST transitions,
 * leap days, month/year ends, ISO-week boundaries).
 * @param schema - a date schema
 * @param ctx - the build context
 * @internal
 */
export function dateArbitrary(schema: core.$ZodDate, ctx: BuildContext): Arbitrary<unknown> {
  let min = Date.UTC(1900, 0, 1);
  let max = Date.UTC(2199, 11, 31);
  for (const c of readChecks(schema)) {
    if (c.check === 'greater_than') min = Number(c.value) + (c.inclusive ? 0 : 1);
    if (c.check === 'less_than') max = Number(c.value) - (c.inclusive ? 0 : 1);
  }
  const plain = fc.date({ min: new Date(min), max: new Date(Math.max(min, max)), noInvalidDate: true });
  const edges = validConstants(
    schema,
    [...timestampEdges(ctx.timeZones), min, max].map((t) => new Date(t)),
  );
  return withEdges(filterOrThrow(plain, accepts(schema), ctx), edges, ctx);
}
