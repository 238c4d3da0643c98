const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A value read from a features file in the form the other sides give it: an int64 that fits a double as a number
 * (beyond 2^53 it stays an exact `bigint`), a `Date` as an ISO 8601 string, typed arrays (a Parquet list of floats)
 * as arrays; NaN, null and everything else as read.
 */
function featureValue(value: unknown): unknown {
  if (typeof value === 'bigint') return value <= MAX_SAFE && value >= -MAX_SAFE ? Number(value) : value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? value : value.toISOString();
  if (Array.isArray(value)) return value.map(featureValue);
  if (ArrayBuffer.isView(value) && !(value instanceof Uint8Array) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<unknown>, featureValue);
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[key] = featureValue(value[key]);
    return out;
  }
  return value;
}

/**
 * The features one row of a features file holds: the named `columns` when given; else its `features` struct (or
 * object) when it has one; else every column but the id.
 */
export function featuresOfRow(
  row: Readonly<Record<string, unknown>>,
  idField: string,
  columns: readonly string[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (columns !== undefined) {
    for (const column of columns) if (Object.hasOwn(row, column)) out[column] = featureValue(row[column]);
    return out;
  }
  const nested = row.features;
  if (isPlainObject(nested)) return featureValue(nested) as Record<string, unknown>;
  for (const key of Object.keys(row)) if (key !== idField) out[key] = featureValue(row[key]);
  return out;
}
