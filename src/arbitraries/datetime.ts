import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import type { IsoStyle } from './iso-render.ts';
import { renderDate, renderDatetime, renderTime } from './iso-render.ts';
import { timestampEdges } from './timestamp-edges.ts';

/** Plain instants: uniform-ish over 1900–2199, all with four-digit years as ISO 8601 requires. */
const PLAIN_INSTANTS: Arbitrary<number> = fc
  .date({ min: new Date(Date.UTC(1900, 0, 1)), max: new Date(Date.UTC(2199, 11, 31)), noInvalidDate: true })
  .map((d) => d.getTime());

/**
 * Epoch-ms instants: plain ones, and (with `ctx.edgeBias` of the weight) DST transitions, calendar and week edges.
 * @internal
 */
export function instantArbitrary(ctx: BuildContext): { plain: Arbitrary<number>; edges: Arbitrary<number> } {
  return { plain: PLAIN_INSTANTS, edges: fc.constantFrom(...timestampEdges(ctx.timeZones)) };
}

/**
 * How to write an instant: in UTC or the wall time of one of `ctx.timeZones`, with or without a fraction.
 * @internal
 */
export function isoStyleArbitrary(ctx: BuildContext): Arbitrary<IsoStyle> {
  const zone =
    ctx.timeZones.length === 0
      ? fc.constant(undefined)
      : fc.option(fc.constantFrom(...ctx.timeZones), { nil: undefined });
  return fc.record({ zone, fraction: fc.constantFrom<IsoStyle['fraction']>('ms', 'ms', 'micro', 'none') });
}

type IsoFormatDef = core.$ZodISODateTimeDef | core.$ZodISODateDef | core.$ZodISOTimeDef;

/**
 * Strings for `z.iso.datetime()`, `z.iso.date()` and `z.iso.time()`: plain instants and timestamp edges
 * (DST transitions in the configured zones, leap days, month/year ends, ISO-week boundaries), written in UTC
 * or — when the schema allows offsets or local times — in a zone's wall time.
 * @param def - the format check definition
 * @param ctx - the build context
 * @internal
 */
export function isoFormatArbitrary(
  def: IsoFormatDef,
  ctx: BuildContext,
): { plain: Arbitrary<string>; edge: Arbitrary<string> } {
  const { plain, edges } = instantArbitrary(ctx);
  const style = isoStyleArbitrary(ctx);
  const render = ([ms, s]: [number, IsoStyle]): string => {
    if (def.format === 'date') return renderDate(ms, s);
    if (def.format === 'time') return renderTime(ms, def.precision, s);
    return renderDatetime(ms, def, s);
  };
  return { plain: fc.tuple(plain, style).map(render), edge: fc.tuple(edges, style).map(render) };
}
