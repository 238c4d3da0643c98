/**
 * The inverse of `parseLosslessJson`: `bigint` is written as its exact digits and non-finite numbers as the
 * bare tokens Python's `json.loads` reads (`NaN`, `Infinity`, `-Infinity`), where `JSON.stringify` would
 * throw or write `null`; -0 stays -0 (`-0.0`, which Python reads as a float), where `JSON.stringify` writes 0.
 */

const MARK = '\u0000lockstep:';
// JSON.stringify writes the NUL as the six characters \u0000, so that is what the replacement looks for.
const MARKED = /"\\u0000lockstep:([^"]*)"/g;

function needsMarking(value: unknown): boolean {
  if (typeof value === 'bigint') return true;
  if (typeof value === 'string') return value.startsWith(MARK);
  if (typeof value === 'number') return !Number.isFinite(value) || Object.is(value, -0);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(needsMarking);
  for (const key in value) if (needsMarking((value as Record<string, unknown>)[key])) return true;
  return false;
}

function mark(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${MARK}${value}`;
  if (typeof value === 'number' && !Number.isFinite(value)) return `${MARK}${value}`;
  if (Object.is(value, -0)) return `${MARK}-0.0`;
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

/**
 * A whole number written as a float (`20.0`): what a JSON writer of a float column emits, and what a Python side must
 * get to see a float. Used inside values given to {@link stringifyLosslessJson}.
 * @internal
 */
export function asFloatText(value: number): string {
  return `${MARK}${String(value)}.0`;
}
