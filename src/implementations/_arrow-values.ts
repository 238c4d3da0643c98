import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import type { ColumnKind } from './_frame-columns.ts';

/** A value of the column's JS representation (bigint for int64 and timestamp, number, string, boolean) or null. */
export type CellValue = bigint | number | string | boolean | null;

/** Why one value cannot travel in its column: the record is refused with this message. @internal */
export class Refusal {
  constructor(readonly message: string) {}
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const ISO = /^(\d{4,}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?)(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/i;

function int64(field: string, value: unknown): bigint | Refusal {
  let big: bigint;
  if (typeof value === 'bigint') big = value;
  else if (typeof value === 'number' && Number.isInteger(value)) big = BigInt(value);
  else return new Refusal(`frameSide: input field "${field}" is ${describe(value)}, not an integer (int64 column)`);
  if (big < INT64_MIN || big > INT64_MAX) {
    return new Refusal(
      `int64_overflow: input field "${field}" is ${big}, beyond the int64 range of Arrow frames (-2^63 to 2^63-1); this record cannot be sent to a frame side. Bound the field in the contract (z.number().int().min().max()) or run this side over the line protocol, which carries any integer exactly`,
    );
  }
  return big;
}

/** Epoch microseconds of an ISO 8601 timestamp (a string without zone is read as UTC), or epoch milliseconds given as a number. */
function micros(field: string, value: unknown): bigint | Refusal {
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.round(value * 1000));
  if (typeof value === 'bigint') return value * 1000n;
  const match = typeof value === 'string' ? ISO.exec(value) : null;
  const ms =
    match === null
      ? Number.NaN
      : Date.parse(`${match[1]}${match[2] === undefined ? '' : `.${match[2].slice(0, 3)}`}${match[3] ?? 'Z'}`);
  if (match === null || Number.isNaN(ms))
    return new Refusal(
      `frameSide: input field "${field}" is ${describe(value)}, not an ISO 8601 timestamp (timestamp column)`,
    );
  const extra = (match[2] ?? '').slice(3, 6).padEnd(3, '0');
  return BigInt(ms) * 1000n + BigInt(extra);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * One input value in the representation of its column kind, `null` for a missing one, or why it cannot travel in it
 * (an integer beyond int64 is refused by name: `int64_overflow`).
 * @internal
 */
export function toCell(kind: ColumnKind, field: string, value: unknown): CellValue | Refusal {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'int64':
      return int64(field, value);
    case 'float64':
      if (typeof value === 'number') return value;
      if (typeof value === 'bigint') return Number(value);
      return new Refusal(`frameSide: input field "${field}" is ${describe(value)}, not a number (float64 column)`);
    case 'bool':
      if (typeof value === 'boolean') return value;
      return new Refusal(`frameSide: input field "${field}" is ${describe(value)}, not a boolean (bool column)`);
    case 'timestamp':
      return micros(field, value);
    case 'utf8':
      return typeof value === 'string' ? value : stringifyLosslessJson(value);
    case 'json':
      return stringifyLosslessJson(value);
  }
}
