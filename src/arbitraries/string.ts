import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import { readChecks, readLengthBounds } from './_checks.ts';
import type { BuildContext } from './_context.ts';
import {
  accepts,
  arbitraryError,
  filterOrDrop,
  filterOrThrow,
  validConstants,
  validGroups,
  withEdges,
} from './_context.ts';
import { fitLength, STRING_EDGE_GROUPS, STRING_EDGES, STRING_FRAGMENTS } from './string-edges.ts';
import { formatArbitrary, SHAPE_FORMATS } from './string-format.ts';

type FormatDef = core.$ZodCheckStringFormatDef & { prefix?: string; suffix?: string; includes?: string };

/** Turns any raw string into one that meets the length, case, prefix, suffix and `includes` checks. */
function shaper(formats: readonly FormatDef[], min: number, max: number | undefined, ctx: BuildContext) {
  const find = (f: string) => formats.filter((d) => d.format === f);
  const prefix = find('starts_with')[0]?.prefix ?? '';
  const suffix = find('ends_with')[0]?.suffix ?? '';
  const middle = find('includes')
    .map((d) => d.includes ?? '')
    .join('');
  const fixed = prefix.length + middle.length + suffix.length;
  if (max !== undefined && max < fixed)
    throw arbitraryError(ctx, 'string prefix/suffix/includes exceed the max length');
  const upper = find('uppercase').length > 0;
  const lower = find('lowercase').length > 0;
  const coreMin = Math.max(0, min - fixed);
  const coreMax = max === undefined ? undefined : max - fixed;
  const recase = (s: string) => (upper ? s.toUpperCase() : lower ? s.toLowerCase() : s);
  const shape = (raw: string) => prefix + fitLength(recase(raw), coreMin, coreMax, upper ? 'X' : 'x') + middle + suffix;
  return { shape, coreMin, coreMax };
}

function rawStrings(min: number, max: number | undefined): Arbitrary<string> {
  const maxLength = Math.min(max ?? Number.POSITIVE_INFINITY, Math.max(min, 32));
  const c = { minLength: Math.min(min, maxLength), maxLength };
  return fc.oneof(
    { arbitrary: fc.string(c), weight: 4 },
    { arbitrary: fc.string({ ...c, unit: 'grapheme' }), weight: 1 },
    { arbitrary: fc.string({ ...c, unit: 'binary' }), weight: 1 },
  );
}

/**
 * Builds strings for `z.string()` and the string formats: lengths, regex (via `fc.stringMatching`), case,
 * prefix/suffix/includes, and formats such as email, uuid, url and ISO datetime/date/time. Edge cases —
 * astral characters, combining marks, ß, ligatures, Turkish I, every Unicode whitespace, controls, a BOM,
 * empty strings and repeated separators — are fitted to the checks and kept only when the schema accepts them.
 * @param schema - a string schema (including format schemas like `z.email()`)
 * @param ctx - the build context
 * @internal
 */
export function stringArbitrary(schema: core.$ZodString, ctx: BuildContext): Arbitrary<unknown> {
  const checks = readChecks(schema);
  const { min, max } = readLengthBounds(checks);
  const formats = checks.filter((c): c is FormatDef => c.check === 'string_format');
  const rich = formats.find((f) => !SHAPE_FORMATS.has(f.format));
  const regex = formats.find((f) => f.format === 'regex' && f.pattern !== undefined);
  const ok = accepts(schema);
  const edges: Array<Arbitrary<unknown>> = [];
  let plain: Arbitrary<string>;
  if (rich !== undefined) {
    const f = formatArbitrary(rich, ctx);
    plain = f.plain;
    edges.push(...f.edges.flatMap((e) => filterOrDrop(e, ok)));
    edges.push(...validConstants(schema, STRING_EDGES));
  } else if (regex?.pattern !== undefined) {
    plain = fc.stringMatching(regex.pattern);
    edges.push(...validConstants(schema, STRING_EDGES));
  } else {
    const { shape, coreMin, coreMax } = shaper(formats, min, max, ctx);
    plain = rawStrings(coreMin, coreMax).map(shape);
    edges.push(
      ...validGroups(
        schema,
        STRING_EDGE_GROUPS.map((group) => group.map(shape)),
      ),
    );
    const embedded = fc
      .tuple(fc.string({ maxLength: 3 }), fc.constantFrom(...STRING_FRAGMENTS), fc.string({ maxLength: 3 }))
      .map(([a, f, b]) => shape(a + f + b));
    edges.push(...filterOrDrop(embedded, ok));
  }
  if (schema._zod.def.coerce === true) edges.push(...validConstants(schema, [0, -0, 1e21, 0.1 + 0.2, null, true, 10n]));
  return withEdges(filterOrThrow(plain, ok, ctx), edges, ctx);
}
