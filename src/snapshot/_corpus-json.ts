/**
 * Corpus values as plain, readable JSON that round-trips exactly: what JSON cannot hold is written as a one-key
 * tagged object — `{"$bigint": "9007199254740993"}`, `{"$number": "-0" | "NaN" | "Infinity" | "-Infinity"}`,
 * `{"$date": "2024-01-01T00:00:00.000Z"}` and `{"$undefined": true}` (array holes and explicit undefined).
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TAGS = new Set(['$bigint', '$number', '$date', '$undefined']);

/** Encodes a value for a corpus file. @internal */
export function encodeCorpusValue(value: unknown): Json {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return { $bigint: value.toString() };
  if (typeof value === 'number') {
    if (Object.is(value, -0)) return { $number: '-0' };
    return Number.isFinite(value) ? value : { $number: String(value) };
  }
  if (value instanceof Date) return { $date: Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString() };
  if (Array.isArray(value)) return Array.from(value, encodeCorpusValue);
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, v] of Object.entries(value)) out[key] = encodeCorpusValue(v);
    return out;
  }
  return String(value);
}

function tagged(value: Record<string, unknown>): unknown {
  const [key] = Object.keys(value);
  const tag = value[key as string];
  if (key === '$bigint' && typeof tag === 'string') return BigInt(tag);
  if (key === '$number' && typeof tag === 'string') return Number(tag);
  if (key === '$date' && typeof tag === 'string') return new Date(tag);
  return undefined;
}

/** Decodes a value read from a corpus file (inverse of {@link encodeCorpusValue}). @internal */
export function decodeCorpusValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(decodeCorpusValue);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && TAGS.has(keys[0] as string)) return tagged(record);
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const decoded = decodeCorpusValue(record[key]);
    // An explicit undefined stays a present key, as it was generated.
    out[key] = decoded;
  }
  return out;
}
