import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import type * as core from 'zod/v4/core';
import type { BuildContext } from './_context.ts';
import { unsupported } from './_context.ts';
import { isoFormatArbitrary } from './datetime.ts';

/**
 * A generator for one string format: plain values and candidate edge cases (filtered by the caller).
 * @internal
 */
export interface FormatArbitrary {
  plain: Arbitrary<string>;
  edges: Array<Arbitrary<string>>;
}

/**
 * Formats handled by the string builder itself, as constraints on an ordinary string.
 * @internal
 */
export const SHAPE_FORMATS: ReadonlySet<string> = new Set([
  'regex',
  'lowercase',
  'uppercase',
  'starts_with',
  'ends_with',
  'includes',
]);

const base64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const base64url = (bytes: Uint8Array): string =>
  base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const json64 = (value: unknown): string => base64url(new TextEncoder().encode(JSON.stringify(value)));

const EMOJI = ['😀', '👍🏽', '🇩🇪', '👩‍👩‍👧', '❤️', '🏳️‍🌈', '1️⃣', '🤷‍♀️', '©️', '😀😀'];

const FIXED: Record<string, () => FormatArbitrary> = {
  email: () => ({
    plain: fc
      .tuple(fc.stringMatching(/^[a-z0-9]{1,10}(?:[._+-][a-z0-9]{1,6})?$/), fc.domain())
      .map(([local, domain]) => `${local}@${domain}`),
    edges: [
      fc.constantFrom(
        'First.Last+tag@Example.COM',
        "o'neil@example.co.uk",
        'a@b.cd',
        'UPPER@EXAMPLE.ORG',
        'x_y-z@sub.domain.example.com',
      ),
    ],
  }),
  url: () => ({
    plain: fc.webUrl({ withQueryParameters: true, withFragments: true }),
    edges: [
      fc.constantFrom(
        'https://example.com',
        'http://localhost:8080/a?b=1#c',
        'HTTPS://EXAMPLE.COM/a%20b',
        'https://例え.jp/パス',
        'https://example.com/?q=a+b&q=c',
      ),
    ],
  }),
  base64: () => ({
    plain: fc.uint8Array({ maxLength: 24 }).map(base64),
    edges: [fc.constantFrom('', 'YQ==', 'YWI=', '+/+/')],
  }),
  base64url: () => ({
    plain: fc.uint8Array({ maxLength: 24 }).map(base64url),
    edges: [fc.constantFrom('', 'YQ', '-_-_')],
  }),
  emoji: () => ({
    plain: fc.array(fc.constantFrom(...EMOJI), { minLength: 1, maxLength: 3 }).map((a) => a.join('')),
    edges: [],
  }),
  hostname: () => ({
    plain: fc.domain(),
    edges: [fc.constantFrom('localhost', 'EXAMPLE.com', 'example.com.', 'xn--bcher-kva.example')],
  }),
  duration: () => ({
    plain: fc
      .tuple(fc.nat(5), fc.nat(12), fc.nat(40), fc.nat(48), fc.nat(90))
      .map(([y, mo, d, h, mi]) => `P${y}Y${mo}M${d}DT${h}H${mi}M`),
    edges: [fc.constantFrom('PT0S', 'P0D', 'P1W', 'PT36H', 'PT1.5S', 'P1M', 'PT1M', 'P1Y2M3DT4H5M6S')],
  }),
  jwt: () => ({
    plain: fc
      .tuple(
        fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
        fc.uint8Array({ minLength: 1, maxLength: 32 }),
      )
      .map(([payload, sig]) => `${json64({ alg: 'HS256', typ: 'JWT' })}.${json64(payload)}.${base64url(sig)}`),
    edges: [],
  }),
};

const UUID_EDGES = [
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'FFFFFFFF-FFFF-4FFF-BFFF-FFFFFFFFFFFF',
  '123e4567-e89b-42d3-a456-426614174000',
];

/**
 * A generator for a zod string format (email, url, uuid/guid, datetime/date/time, base64, emoji, hostname,
 * duration, jwt, and any other format with a regular expression via `fc.stringMatching`).
 * @param def - the `string_format` check definition
 * @param ctx - the build context
 * @internal
 */
export function formatArbitrary(def: core.$ZodCheckStringFormatDef, ctx: BuildContext): FormatArbitrary {
  if (def.format === 'datetime' || def.format === 'date' || def.format === 'time') {
    const iso = isoFormatArbitrary(def as core.$ZodISODateTimeDef | core.$ZodISODateDef | core.$ZodISOTimeDef, ctx);
    return { plain: iso.plain, edges: [iso.edge] };
  }
  const fixed = FIXED[def.format];
  if (fixed !== undefined) return fixed();
  const edges = def.format === 'uuid' || def.format === 'guid' ? [fc.constantFrom(...UUID_EDGES)] : [];
  if (def.pattern === undefined)
    throw unsupported(ctx, 'string', `format "${def.format}" has no pattern to generate from; pass an override`);
  try {
    return { plain: fc.stringMatching(def.pattern), edges };
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw unsupported(ctx, 'string', `format "${def.format}" cannot be generated (${why}); pass an override`);
  }
}
