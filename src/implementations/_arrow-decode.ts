import { type Data, DataType, Precision, type Table, tableFromIPC, type Utf8, type Vector } from 'apache-arrow';
import type { SideOutcome } from './side.ts';

/** Columns of an answer frame that are not features. */
const HELPER_COLUMNS = new Set(['_id', '_entity', '_timestamp', '_error']);

/** A 64-bit integer as a number when that is exact, else as a bigint (how the lossless codec reads JSON). */
function exactInt(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** One Arrow value as the JS value the comparator expects: nested vectors become arrays, structs objects. */
function plain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return exactInt(value);
  if (typeof value !== 'object') return value;
  if (value instanceof Date) return value.getTime();
  const nested = value as { toArray?: () => unknown; toJSON?: () => unknown; [Symbol.iterator]?: unknown };
  if (typeof nested[Symbol.iterator] === 'function' && typeof nested.toArray === 'function')
    return Array.from(value as Iterable<unknown>, plain);
  if (typeof nested.toJSON === 'function') {
    const json = nested.toJSON() as Record<string, unknown>;
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, plain(v)]));
  }
  return value;
}

/** A fast reader of one chunk's values by index, for the common flat types; undefined for the others. */
export function fastReader(data: Data): ((i: number) => unknown) | undefined {
  const { type } = data;
  if (DataType.isFloat(type)) {
    const values = data.values as Float64Array | Float32Array;
    return type.precision === Precision.HALF ? undefined : (i) => values[i];
  }
  if (DataType.isInt(type)) {
    const values = data.values as BigInt64Array | Int32Array;
    return type.bitWidth === 64 ? (i) => exactInt(values[i] as bigint) : (i) => values[i];
  }
  if (DataType.isBool(type) && data.offset === 0) {
    const bits = data.values as Uint8Array;
    return (i) => ((bits[i >> 3] as number) & (1 << (i & 7))) !== 0;
  }
  if (DataType.isDictionary(type) && data.dictionary !== undefined) {
    // pandas categoricals: each distinct value decoded once, rows read by index
    const distinct = columnValues(data.dictionary);
    const indices = data.values as Int32Array | BigInt64Array;
    return (i) => distinct[Number(indices[i])];
  }
  if (DataType.isUtf8(type)) {
    const { values, valueOffsets } = data as Data<Utf8>;
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    return (i) => bytes.toString('utf8', valueOffsets[i], valueOffsets[i + 1]);
  }
  return undefined;
}

/** The values of one column, row by row, with nulls (a float NaN stays NaN: it is a value, not a null). */
export function columnValues(vector: Vector): unknown[] {
  const out = new Array<unknown>(vector.length);
  let row = 0;
  for (const data of vector.data) {
    const read = fastReader(data);
    for (let i = 0; i < data.length; i++, row++) {
      if (data.nullCount > 0 && !data.getValid(i)) out[row] = null;
      else out[row] = read === undefined ? plain(vector.get(row)) : read(i);
    }
  }
  return out;
}

/** Reads an answer frame; throws when it is not an Arrow IPC stream. @internal */
export function readAnswer(bytes: Uint8Array): Table {
  return tableFromIPC(bytes);
}

/**
 * One outcome per sent record from an answer frame: rows are matched by its `_id` column when it has one, else by
 * position; a string in `_error` fails that row; every other column is a feature (int64 as a number when exact,
 * else bigint; timestamps as epoch milliseconds).
 * @param ids - the `_id` of each record sent, in row order
 * @param latencyMs - each record's latency (its share of the batch's time)
 * @internal
 */
export function decodeAnswer(table: Table, ids: readonly string[], latencyMs: number): SideOutcome[] {
  const names = table.schema.fields.map((f) => f.name).filter((n) => !HELPER_COLUMNS.has(n));
  const column = (name: string) => {
    const vector = table.getChild(name);
    return vector === null ? undefined : columnValues(vector);
  };
  const features = names.map((n) => column(n) as unknown[]);
  const errors = column('_error');
  const answerIds = column('_id');
  let rowOf: (index: number) => number | undefined = (index) => (index < table.numRows ? index : undefined);
  if (answerIds !== undefined) {
    const rows = new Map<string, number>();
    for (const [row, id] of answerIds.entries()) rows.set(String(id), row);
    rowOf = (index) => rows.get(ids[index] as string);
  }
  return ids.map((_, index) => {
    const row = rowOf(index);
    if (row === undefined)
      return { error: 'the frame side answered no row for this record (no row with its _id)', latencyMs };
    const error = errors?.[row];
    if (typeof error === 'string') return { error, latencyMs };
    const record: Record<string, unknown> = {};
    names.forEach((name, f) => {
      record[name] = (features[f] as unknown[])[row];
    });
    return { features: record, latencyMs };
  });
}
