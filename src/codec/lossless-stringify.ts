/**
 * The inverse of `parseLosslessJson`: `bigint` is written as its exact digits and non-finite numbers as the
 * bare tokens Python's `json.loads` reads (`NaN`, `Infinity`, `-Infinity`), where `JSON.stringify` would
 * throw or write `null`.
 */

const MARK = '\u0000lockstep:';
// JSON.stringify writes the NUL as the six characters \u0000, so that is what the replacement looks for.
const MARKED = /"\\u0000lockstep:([^"]*)"/g;

function needsMarking(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(needsMarking);
  for (const key in value) if (needsMarking((value as Record<string, unknown>)[key])) return true;
  return false;
}

function mark(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${MARK}${value}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${MARK}${value}`;
  return value;
}

/**
 * Serialises a value to one line of JSON without losing int64 precision or non-finite numbers.
 * @public
 */
export function stringifyLosslessJson(value: unknown, indent?: number): string {
  if (!needsMarking(value)) return JSON.stringify(value, null, indent);
  return JSON.stringify(value, mark, indent).replace(MARKED, '$1');
}
