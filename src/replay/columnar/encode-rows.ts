import {
  type Data,
  type DataType,
  Field,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  tableToIPC,
  Utf8,
} from 'apache-arrow';
import { arrowType, columnData, utf8Buffers } from '../../implementations/_arrow-encode.ts';
import type { CellValue } from '../../implementations/_arrow-values.ts';
import type { ColumnCodes, LogColumns } from './columnar-log.ts';
import type { FieldPlan } from './plan.ts';

/** What every row of a batch carries besides its input: the helper columns of a frame (see `encodeBatch`). */
export interface RowFacts {
  /** Each row's line: its `_id` is the line's decimal text. */
  readonly line: ArrayLike<number>;
  readonly entity: readonly string[];
  /** Epoch milliseconds. */
  readonly timestamp: readonly number[];
}

/** Whether a raw cell holds an integer (a number while exact, else a bigint). */
function isBig(v: unknown): v is number | bigint {
  return typeof v === 'bigint' || typeof v === 'number';
}

/** Floor division of a bigint. */
function floorDiv(value: bigint, by: bigint): bigint {
  const rest = ((value % by) + by) % by;
  return (value - rest) / by;
}

/** A cell of the log column as the frame column's JS representation (what `toCell` makes of the decoded value). */
function converter(plan: FieldPlan): (value: unknown) => CellValue {
  const { frame, column } = plan;
  if (column === undefined) return () => null;
  switch (frame.kind) {
    case 'int64':
      return (v) => (v === null || v === undefined ? null : typeof v === 'bigint' ? v : BigInt(v as number));
    case 'float64':
      return (v) => (v === null || v === undefined ? null : typeof v === 'bigint' ? Number(v) : (v as number));
    case 'timestamp': {
      const unit = column.unit ?? 'ms';
      // Raw values are numbers while exact: microseconds of a millisecond instant are exact up to year 287,000.
      if (unit === 'ms')
        return (v) =>
          typeof v === 'number' && Math.abs(v) < 9e12 ? BigInt(v * 1000) : isBig(v) ? BigInt(v) * 1000n : null;
      if (unit === 'us') return (v) => (isBig(v) ? BigInt(v) : null);
      return (v) => (isBig(v) ? floorDiv(BigInt(v), 1000n) : null);
    }
    default:
      return (v) => (v === undefined ? null : (v as CellValue));
  }
}

const TWO_32 = 2 ** 32;

/** Writes `x` (an integer) as two 32-bit halves at `2 * i`; false when it is not an exact integer. */
function putInt64(words: Int32Array, i: number, x: number): boolean {
  if (!Number.isSafeInteger(x)) return false;
  const hi = Math.floor(x / TWO_32);
  words[2 * i] = (x - hi * TWO_32) | 0;
  words[2 * i + 1] = hi;
  return true;
}

/** The `_id` column: each line's decimal text, written digit by digit (no string per row). */
function lineTexts(lines: ArrayLike<number>): Data {
  const length = lines.length;
  const valueOffsets = new Int32Array(length + 1);
  let total = 0;
  for (let i = 0; i < length; i++) {
    let digits = 1;
    for (let x = lines[i] as number; x >= 10; x = Math.floor(x / 10)) digits++;
    valueOffsets[i + 1] = total += digits;
  }
  const data = new Uint8Array(total);
  for (let i = 0; i < length; i++) {
    let x = lines[i] as number;
    for (let at = (valueOffsets[i + 1] as number) - 1; at >= (valueOffsets[i] as number); at--) {
      data[at] = 48 + (x % 10);
      x = Math.floor(x / 10);
    }
  }
  return makeData({ type: new Utf8(), length, nullCount: 0, valueOffsets, data });
}

/** The `_timestamp` column (epoch milliseconds, truncated). */
function millisData(timestamps: readonly number[]): Data {
  const type = arrowType('timestamp_ms');
  const words = new Int32Array(timestamps.length * 2);
  for (let i = 0; i < timestamps.length; i++)
    if (!putInt64(words, i, Math.trunc(timestamps[i] as number)))
      return columnData(
        type,
        timestamps.map((t) => BigInt(Math.trunc(t))),
      );
  return makeData({ type, length: timestamps.length, nullCount: 0, data: new BigInt64Array(words.buffer) } as never);
}

/**
 * An int64, timestamp or float64 column's Arrow data straight from the log's numbers (no bigint per cell: a 64-bit
 * integer is written as its two 32-bit halves), or undefined when a cell needs the general conversion.
 */
function fastData(plan: FieldPlan, data: LogColumns, rows: readonly number[]): Data | undefined {
  const { frame, column } = plan;
  if (column === undefined) return undefined;
  const source = data.values[column.name] as ArrayLike<unknown>;
  // Microseconds to send: an int64 as it is, a timestamp of milliseconds × 1000, of microseconds as it is.
  const unit = column.unit ?? 'ms';
  const timestamp = frame.kind === 'timestamp' && unit !== 'ns';
  const scale = frame.kind === 'int64' ? 1 : timestamp ? (unit === 'us' ? 1 : 1000) : undefined;
  const float = frame.kind === 'float64';
  if (scale === undefined && !float) return undefined;
  if (source instanceof Float64Array) return typedData(plan, source, rows, scale);
  const length = rows.length;
  const words = float ? undefined : new Int32Array(length * 2);
  const doubles = float ? new Float64Array(length) : undefined;
  let nullBitmap: Uint8Array | undefined;
  let nullCount = 0;
  for (let i = 0; i < length; i++) {
    const v = source[rows[i] as number];
    if (v === null || v === undefined) {
      if (nullBitmap === undefined) {
        nullBitmap = new Uint8Array(Math.ceil(length / 8)).fill(255);
      }
      nullBitmap[i >> 3] = (nullBitmap[i >> 3] as number) & ~(1 << (i & 7));
      nullCount++;
      continue;
    }
    if (typeof v !== 'number') return undefined;
    if (doubles !== undefined) {
      doubles[i] = v;
      continue;
    }
    if (!putInt64(words as Int32Array, i, v * (scale as number))) return undefined;
  }
  const type = arrowType(frame.kind);
  const values = doubles ?? new BigInt64Array((words as Int32Array).buffer);
  return makeData({
    type,
    length,
    nullCount,
    ...(nullBitmap === undefined ? {} : { nullBitmap }),
    data: values,
  } as never);
}

/** `fastData` from a column of numbers without nulls (a Float64Array): one tight loop, no value boxed. */
function typedData(
  plan: FieldPlan,
  source: Float64Array,
  rows: readonly number[],
  scale: number | undefined,
): Data | undefined {
  const length = rows.length;
  const type = arrowType(plan.frame.kind);
  if (scale === undefined) {
    const doubles = new Float64Array(length);
    for (let i = 0; i < length; i++) doubles[i] = source[rows[i] as number] as number;
    return makeData({ type, length, nullCount: 0, data: doubles } as never);
  }
  const words = new Int32Array(length * 2);
  for (let i = 0; i < length; i++) {
    const x = (source[rows[i] as number] as number) * scale;
    if (!Number.isSafeInteger(x)) return undefined;
    const hi = Math.floor(x / TWO_32);
    words[2 * i] = (x - hi * TWO_32) | 0;
    words[2 * i + 1] = hi;
  }
  return makeData({ type, length, nullCount: 0, data: new BigInt64Array(words.buffer) } as never);
}

function setBit(bits: Uint8Array, i: number): void {
  bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7));
}

/** A coded column's distinct values as Arrow writes them: UTF-8 bytes (strings) or bits (booleans), and nulls. */
interface Forms {
  readonly kind: 'utf8' | 'bool';
  /** Every distinct value's bytes, one after the other; value `c`'s from `starts[c]` to `starts[c + 1]`. */
  readonly bytes: Uint8Array;
  readonly starts: Int32Array;
  /** 1 where the value is null. */
  readonly nulls: Uint8Array;
  /** 1 where the value is true. */
  readonly trues: Uint8Array;
}

/** Each coded column's forms, made once per column. */
const formsByColumn = new WeakMap<ColumnCodes, Forms | null>();

function formsOf(coded: ColumnCodes): Forms | undefined {
  let forms = formsByColumn.get(coded);
  if (forms === undefined) {
    const distinct: readonly unknown[] = coded.distinct;
    const isNull = (v: unknown) => v === null || v === undefined;
    const texts = distinct.every((v: unknown) => typeof v === 'string' || isNull(v));
    const bools = distinct.every((v: unknown) => typeof v === 'boolean' || isNull(v));
    if (texts || bools) {
      const each = coded.distinct.map((v: unknown) => Buffer.from(typeof v === 'string' ? v : '', 'utf8'));
      const starts = new Int32Array(distinct.length + 1);
      each.forEach((b, c) => {
        starts[c + 1] = (starts[c] as number) + b.length;
      });
      forms = {
        kind: texts ? 'utf8' : 'bool',
        bytes: Buffer.concat(each),
        starts,
        nulls: Uint8Array.from(coded.distinct, (v: unknown) => (isNull(v) ? 1 : 0)),
        trues: Uint8Array.from(coded.distinct, (v: unknown) => (v === true ? 1 : 0)),
      };
    } else forms = null;
    formsByColumn.set(coded, forms);
  }
  return forms ?? undefined;
}

/**
 * A utf8 or bool column's Arrow data from its column's codes (see `ColumnCodes`): the batch's codes gathered once,
 * then each distinct value's bytes copied per row (the same data `columnData` makes of the cells); undefined when the
 * column has no codes.
 */
function codedData(plan: FieldPlan, data: LogColumns, rows: readonly number[]): Data | undefined {
  const { frame, column } = plan;
  if (column === undefined || (frame.kind !== 'utf8' && frame.kind !== 'bool')) return undefined;
  const coded = data.codes?.[column.name];
  const forms = coded === undefined ? undefined : formsOf(coded);
  if (coded === undefined || forms === undefined || forms.kind !== frame.kind) return undefined;
  const length = rows.length;
  const codes = gather(coded.codes, rows);
  const { nulls, trues } = forms;
  const nullCount = countWhere(nulls, codes);
  const nullBitmap = nullCount > 0 ? bitsWhere(nulls, 0, codes) : undefined;
  const type = arrowType(frame.kind);
  const validity = nullBitmap === undefined ? { nullCount } : { nullCount, nullBitmap };
  if (frame.kind === 'bool') return makeData({ type, length, ...validity, data: bitsWhere(trues, 1, codes) } as never);
  const utf8 = utf8OfCodes(forms, codes);
  return makeData({ type, length, ...validity, valueOffsets: utf8.valueOffsets, data: utf8.data } as never);
}

// The loops of `codedData`, each in a function of its own: called once per column and batch, `codedData` would
// otherwise be compiled again on the stack for each of its loops.

/** `source[rows[i]]` for each `i`. */
function gather(source: Int32Array, rows: readonly number[]): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = source[rows[i] as number] as number;
  return out;
}

/** How many codes have `flags[code]` set (1). */
function countWhere(flags: Uint8Array, codes: Int32Array): number {
  let count = 0;
  for (let i = 0; i < codes.length; i++) count += flags[codes[i] as number] as number;
  return count;
}

/** A bitmap with bit `i` set where `flags[codes[i]]` is `value`. */
function bitsWhere(flags: Uint8Array, value: 0 | 1, codes: Int32Array): Uint8Array {
  const bits = new Uint8Array(Math.ceil(codes.length / 8));
  for (let i = 0; i < codes.length; i++) if (flags[codes[i] as number] === value) setBit(bits, i);
  return bits;
}

/** The UTF-8 offsets and bytes of the distinct values `codes` name, row by row. */
function utf8OfCodes(forms: Forms, codes: Int32Array): { valueOffsets: Int32Array; data: Uint8Array } {
  const { bytes, starts } = forms;
  const length = codes.length;
  const valueOffsets = new Int32Array(length + 1);
  let total = 0;
  for (let i = 0; i < length; i++) {
    const c = codes[i] as number;
    valueOffsets[i + 1] = total += (starts[c + 1] as number) - (starts[c] as number);
  }
  const out = new Uint8Array(total);
  for (let i = 0; i < length; i++) {
    const c = codes[i] as number;
    const from = starts[c] as number;
    const size = (starts[c + 1] as number) - from;
    const at = valueOffsets[i] as number;
    if (size <= 32) for (let k = 0; k < size; k++) out[at + k] = bytes[from + k] as number;
    else out.set(bytes.subarray(from, from + size), at);
  }
  return { valueOffsets, data: out };
}

/**
 * The rows `rows` of the log (in that order) as one Arrow IPC stream, with the same columns, types and nullability
 * `encodeBatch` gives the same records: `_id`, `_entity`, `_timestamp` (milliseconds), then the contract's input
 * fields, each straight from its column.
 * @internal
 */
export function encodeRows(
  data: LogColumns,
  fields: readonly FieldPlan[],
  rows: readonly number[],
  facts: RowFacts,
): Uint8Array {
  const entity = utf8Buffers(facts.entity);
  const metaData = [
    lineTexts(facts.line),
    makeData({ type: new Utf8(), length: rows.length, nullCount: 0, ...entity }),
    millisData(facts.timestamp),
  ];
  const meta: [string, DataType, CellValue[], boolean][] = [
    ['_id', new Utf8(), [], false],
    ['_entity', new Utf8(), [], false],
    ['_timestamp', arrowType('timestamp_ms'), [], false],
  ];
  const fast = fields.map((plan) => fastData(plan, data, rows) ?? codedData(plan, data, rows));
  const inputs = fields.map((plan, f): [string, DataType, CellValue[], boolean] => {
    const done = fast[f];
    if (done !== undefined)
      return [plan.frame.name, arrowType(plan.frame.kind), [], plan.frame.nullable || done.nullCount > 0];
    const convert = converter(plan);
    const source = plan.column === undefined ? undefined : data.values[plan.column.name];
    const cells = new Array<CellValue>(rows.length);
    let nulls = false;
    for (let i = 0; i < rows.length; i++) {
      const cell = source === undefined ? null : convert(source[rows[i] as number]);
      cells[i] = cell;
      if (cell === null) nulls = true;
    }
    return [plan.frame.name, arrowType(plan.frame.kind), cells, plan.frame.nullable || nulls];
  });
  const all = [...meta, ...inputs];
  const schemaFields = all.map(([name, type, , nullable]) => new Field(name, type, nullable));
  const children = all.map(([, type, cells], i) => metaData[i] ?? fast[i - meta.length] ?? columnData(type, cells));
  const struct = makeData({ type: new Struct(schemaFields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(new Schema(schemaFields), struct)]), 'stream');
}
