/** Longest string a report keeps whole, in UTF-16 code units (16 Ki): real feature values and inputs fit. */
export const REPORT_STRING_LIMIT = 16_384;

/**
 * A value as a report keeps it: a string longer than the limit is cut, with a marker that gives its full length
 * (`…[cut: 10,000,000 chars in all]`), inside arrays and objects too, so one huge value is not stored (and printed) in
 * full in every report format and example. The comparison always sees the whole value; only reports are capped.
 * @param value - a feature value or an input
 * @param limit - the longest string kept whole
 * @internal
 */
export function capValue(value: unknown, limit: number = REPORT_STRING_LIMIT): unknown {
  if (typeof value === 'string') {
    return value.length <= limit
      ? value
      : `${value.slice(0, limit)}…[cut: ${value.length.toLocaleString('en-US')} chars in all]`;
  }
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.some((v) => needsCap(v, limit)) ? value.map((v) => capValue(v, limit)) : value;
  if (!needsCap(value, limit)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = capValue(v, limit);
  return out;
}

function needsCap(value: unknown, limit: number): boolean {
  if (typeof value === 'string') return value.length > limit;
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some((v) => needsCap(v, limit));
  for (const k in value) if (needsCap((value as Record<string, unknown>)[k], limit)) return true;
  return false;
}
