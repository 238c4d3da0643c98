import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import { accepts, arbitraryError } from './_context.ts';
import type { DatetimeFormat, IsoStyle } from './iso-render.ts';
import { renderDatetime } from './iso-render.ts';

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/**
 * The schema under optional/nullable/default/readonly wrappers: history fields are always present and non-null.
 * @internal
 */
export function unwrapField(schema: core.$ZodType): core.$ZodType {
  let s = schema;
  while (WRAPPERS.has(s._zod.def.type)) s = (s as core.$ZodOptional)._zod.def.innerType;
  return s;
}

/**
 * How a timestamp field is written, and its resolution in ms (1 ms, or coarser for low-precision ISO strings).
 * @internal
 */
export interface TimestampWriter {
  tick: number;
  write: (ms: number, zone: string | undefined) => unknown;
}

/** UTC ISO 8601 instants with milliseconds, then whole seconds, then minutes. */
const ISO_UTC: readonly TimestampWriter[] = [
  { tick: 1, write: (ms) => new Date(ms).toISOString() },
  { tick: 1000, write: (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') },
  { tick: 60_000, write: (ms) => new Date(ms).toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z') },
];

const TICK_BY_PRECISION: Record<string, number> = { '-1': 60_000, '0': 1000, '1': 100, '2': 10 };

/**
 * A writer for the timestamp field: epoch ms for numbers, bigint ms for bigints, `Date` for dates, ISO strings (UTC,
 * or a zone's offset when the schema allows offsets) for `z.iso.datetime()`, and UTC ISO strings for any other string
 * schema that accepts them (a pattern, as a JSON contract's date-time field has).
 * @internal
 */
export function timestampWriter(field: core.$ZodType, ctx: BuildContext): TimestampWriter {
  const inner = unwrapField(field);
  const type = inner._zod.def.type;
  let writer: TimestampWriter | undefined;
  if (type === 'number') writer = { tick: 1, write: (ms) => ms };
  if (type === 'bigint') writer = { tick: 1, write: (ms) => BigInt(ms) };
  if (type === 'date') writer = { tick: 1, write: (ms) => new Date(ms) };
  const datetime = readChecks(inner).find((c) => c.check === 'string_format' && c.format === 'datetime');
  if (type === 'string' && datetime !== undefined) {
    const format = datetime as DatetimeFormat;
    const tick = TICK_BY_PRECISION[String(format.precision)] ?? 1;
    writer = { tick, write: (ms, zone) => renderDatetime(ms, format, { zone, fraction: 'ms' } satisfies IsoStyle) };
  }
  const probe = Date.UTC(2024, 0, 1, 12, 30, 45, 678);
  // A string schema that checks its text otherwise (a JSON contract's date-time pattern): the UTC ISO forms it
  // accepts, milliseconds first. A string that checks nothing holds any text, not a time.
  if (type === 'string' && writer === undefined && readChecks(inner).length > 0)
    writer = ISO_UTC.find((w) => accepts(inner)(w.write(probe, undefined)));
  if (writer === undefined || !accepts(inner)(writer.write(probe, undefined))) {
    throw arbitraryError(
      ctx,
      'the timestamp field must accept epoch milliseconds (number, bigint), a Date or an ISO datetime',
    );
  }
  return writer;
}

/**
 * The distinct instants of one history, ascending: the anchor, the exact window boundaries, the picked ±tick
 * neighbours, then fillers — cut to `max` in that order of priority and padded to `min` before the longest window.
 * @internal
 */
export function eventTimes(
  anchor: number,
  offsets: { windows: readonly number[]; neighbours: readonly number[]; fillers: readonly number[] },
  bounds: { min: number; max: number; tick: number; span: number },
): number[] {
  const ordered = [0, ...offsets.windows, ...offsets.neighbours, ...offsets.fillers].map((o) => anchor - o);
  const unique = [...new Set(ordered)].slice(0, bounds.max);
  for (let i = 1; unique.length < bounds.min; i += 1) unique.push(anchor - bounds.span - i * bounds.tick);
  return unique.sort((a, b) => a - b);
}

/**
 * Offsets (ms before the anchor) of the ±1 tick neighbours of each window boundary, and random fillers.
 * @internal
 */
export function offsetArbitrary(
  windows: readonly number[],
  tick: number,
  span: number,
): Arbitrary<{ neighbours: number[]; fillers: number[] }> {
  const neighbours = windows.flatMap((w) => [w + tick, w - tick]).filter((o) => o > 0);
  const steps = Math.max(1, Math.floor(span / tick));
  const filler = fc.integer({ min: 1, max: Math.min(steps, 2 ** 31 - 1) }).map((k) => k * tick);
  return fc.record({ neighbours: fc.subarray(neighbours), fillers: fc.uniqueArray(filler, { maxLength: 4 }) });
}
