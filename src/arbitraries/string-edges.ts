/**
 * Every Unicode whitespace (and the zero-width characters that trims disagree on): Python's `str.split()`,
 * JavaScript's `trim()` and `\s`, and SQL `TRIM` each treat a different subset as space.
 * @internal
 */
export const UNICODE_WHITESPACE: readonly string[] = [
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\r\n',
  '\u0085',
  '\u00a0',
  '\u1680',
  '\u180e',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
];

/** Characters whose length, case mapping or normalisation differs across languages and libraries. */
const UNICODE_TRAPS: readonly string[] = [
  '😀', // astral: 2 UTF-16 units, 1 code point
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', // mathematical letters, NFKC-folds to "Unicode"
  '🇩🇪', // flag: two regional indicators
  '👩‍👩‍👧', // ZWJ sequence: 1 grapheme, 5 code points, 8 units
  '👍🏽', // skin-tone modifier
  'e\u0301', // decomposed é
  'é', // composed é
  'ß', // uppercases to "SS"
  'ﬁ', // ligature, NFKC "fi"
  'İ', // Turkish dotted capital I: lowercases to "i̇" (2 units)
  'ı', // Turkish dotless i
  '\u212a', // Kelvin sign, lowercases to "k"
  'ǅ', // titlecase digraph
  'Ⅻ', // roman numeral
  '½',
  '٣', // Arabic-Indic 3: Python int() accepts it, Number() does not
  '１２', // fullwidth digits
  '\u202eevil', // right-to-left override
  'שָׁלוֹם',
  'مرحبا',
  '日本語',
];

/** Control characters and the byte-order mark. */
const CONTROLS: readonly string[] = ['\u0000', '\u0001', '\u001b', '\u007f', '\u0080', '\u009f', '\ufeff'];

/** Separators and blanks that split/strip/CSV code handle differently. */
const SEPARATORS: readonly string[] = [
  '',
  ' ',
  '  ',
  'a  b',
  'a,,b',
  'a,b',
  ',',
  ' a',
  'a ',
  ' a ',
  'a\tb',
  'a\nb',
  'a;b',
  'a|b',
  '"a"',
  "'a'",
  'a\\b',
  '\ufeffa',
  'a\u0000b',
];

/** Strings that CSV readers, pandas and loose parsers turn into null, NaN, booleans or numbers. */
const LOOKS_LIKE_OTHER_TYPES: readonly string[] = [
  'null',
  'NULL',
  'None',
  'NaN',
  'nan',
  'NA',
  'N/A',
  'undefined',
  'true',
  'False',
  '0',
  '-0',
  '1e3',
  '0x1F',
  '007',
  '1,000',
  '1.0',
  ' 12 ',
];

/**
 * Whole-string edge cases in groups of equal weight, each used as-is or, for bounded schemas, padded or cut to fit.
 * @internal
 */
export const STRING_EDGE_GROUPS: ReadonlyArray<readonly string[]> = [
  SEPARATORS,
  UNICODE_TRAPS,
  [...UNICODE_WHITESPACE, ...UNICODE_WHITESPACE.map((w) => `a${w}b`)],
  CONTROLS,
  LOOKS_LIKE_OTHER_TYPES,
  ['x'.repeat(300)],
];

/**
 * All whole-string edge cases in one list.
 * @internal
 */
export const STRING_EDGES: readonly string[] = STRING_EDGE_GROUPS.flat();

/**
 * Fragments embedded inside otherwise ordinary strings.
 * @internal
 */
export const STRING_FRAGMENTS: readonly string[] = [...UNICODE_TRAPS, ...UNICODE_WHITESPACE, ...CONTROLS, ',,', '  '];

/**
 * Pads (by repeating the string, then with `x`) or cuts a string to [min, max] UTF-16 units, never splitting a
 * surrogate pair, so an astral edge case stays well-formed.
 * @internal
 */
export function fitLength(s: string, min: number, max: number | undefined, pad = 'x'): string {
  let out = s;
  while (out.length < min) out += s === '' ? pad : s;
  if (max !== undefined && out.length > max) {
    const points = Array.from(out);
    let cut = '';
    for (const p of points) {
      if (cut.length + p.length > max) break;
      cut += p;
    }
    out = cut;
  }
  while (out.length < min) out += pad;
  return out;
}
