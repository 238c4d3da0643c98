import { z } from 'zod';
import { DIVERGENCE_KINDS, type DivergenceKind, type SideName } from '../compare/divergence.ts';

/*
 * The building blocks of the report shapes (report-shape.ts, mergeable-shape.ts). Every schema carries what it
 * expects, in words, as its error: a problem then reads `<path> must be <expected>, got <value>`.
 */

const expecting = (what: string): { error: string } => ({ error: what });

const COUNT = 'a non-negative integer';

/** @internal */
export const count: z.ZodNumber = z.number(expecting(COUNT)).int(expecting(COUNT)).min(0, expecting(COUNT));

/** @internal */
export const int: z.ZodNumber = z.number(expecting('an integer')).int(expecting('an integer'));

/** Any number, NaN and ±Infinity included: a report writes them as the bare tokens `NaN`, `Infinity`. @internal */
export const number: z.ZodCustom<number, number> = z.custom<number>(
  (v) => typeof v === 'number',
  expecting('a number'),
);

/** A non-negative number (a duration, an error, a rate), NaN and Infinity included. @internal */
export const measure: z.ZodCustom<number, number> = z.custom<number>(
  (v) => typeof v === 'number' && !(v < 0),
  expecting('a non-negative number'),
);

/** @internal */
export const text: z.ZodString = z.string(expecting('a string'));

/** @internal */
export const flag: z.ZodBoolean = z.boolean(expecting('true or false'));

/** @internal */
export function list<T extends z.ZodType>(item: T, of: string): z.ZodArray<T> {
  return z.array(item, expecting(`an array of ${of}`));
}

/** @internal */
export const texts: z.ZodArray<z.ZodString> = list(text, 'strings');

/** A JSON object; fields a later Lockstep adds are kept, not an error. @internal */
export function object<S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$loose> {
  return z.looseObject(shape, expecting('an object'));
}

/** @internal */
export function oneOf<const T extends string>(values: readonly T[]): z.ZodEnum<{ [K in T]: K }> {
  return z.enum(values, expecting(`one of ${values.map((v) => JSON.stringify(v)).join(', ')}`));
}

/** @internal */
export function pair<A extends z.ZodType, B extends z.ZodType>(a: A, b: B, what: string): z.ZodTuple<[A, B], null> {
  return z.tuple([a, b], expecting(what));
}

/** @internal */
export const side: z.ZodType<SideName> = oneOf(['training', 'serving']);

const kindEnum = oneOf(DIVERGENCE_KINDS);

/** @internal */
export const kind: z.ZodType<DivergenceKind> = kindEnum;

/** Per-kind counts: a kind not in `DIVERGENCE_KINDS` is an error. @internal */
export const countsByKind: z.ZodType<Partial<Record<DivergenceKind, number>>> = z.partialRecord(
  kindEnum,
  count,
  expecting('an object of counts by divergence kind'),
);

/** `--shard i/n`: 1-based `index` of `count`. @internal */
export const shard: z.ZodType<{ index: number; count: number }> = object({
  index: count.min(1, expecting('a positive integer')),
  count: count.min(1, expecting('a positive integer')),
}).refine((s) => s.index <= s.count, { error: 'at most shard.count', path: ['index'] });
