import {
  Bool,
  type Data,
  type DataType,
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Timestamp,
  TimeUnit,
  tableToIPC,
  Utf8,
} from 'apache-arrow';
import { type CellValue, Refusal, toCell } from './_arrow-values.ts';
import type { ColumnKind, FrameColumn } from './_frame-columns.ts';
import type { SideRecord } from './side.ts';

/** A batch as an Arrow IPC stream, and the records refused on the way (by batch index). @internal */
export interface EncodedBatch {
  /** The Arrow IPC stream of the records sent, in batch order; empty when every record was refused. */
  readonly bytes: Uint8Array;
  /** Batch indexes of the records sent, row by row. */
  readonly sent: readonly number[];
  readonly refused: ReadonlyMap<number, string>;
}

/** The Arrow type a column of this kind travels as. @internal */
export function arrowType(kind: ColumnKind | 'timestamp_ms'): DataType {
  switch (kind) {
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'timestamp':
      return new Timestamp(TimeUnit.MICROSECOND, 'UTC');
    case 'timestamp_ms':
      return new Timestamp(TimeUnit.MILLISECOND, 'UTC');
    default:
      return new Utf8();
  }
}

/** Sets bit `i` of a bitmap (Arrow's LSB-first bit order). */
function setBit(bitmap: Uint8Array, i: number): void {
  bitmap[i >> 3] = (bitmap[i >> 3] as number) | (1 << (i & 7));
}

/** Validity bitmap (bit set = value present) and null count, or no bitmap when nothing is null. */
function validity(cells: readonly CellValue[]): { nullCount: number; nullBitmap?: Uint8Array } {
  let nullCount = 0;
  for (const c of cells) if (c === null) nullCount++;
  if (nullCount === 0) return { nullCount };
  const nullBitmap = new Uint8Array(Math.ceil(cells.length / 8));
  for (let i = 0; i < cells.length; i++) if (cells[i] !== null) setBit(nullBitmap, i);
  return { nullCount, nullBitmap };
}

/** Distinct short texts whose bytes `utf8Buffers` keeps per column (labels, categories, entity keys). */
const TEXTS_KEPT = 4096;

/**
 * The offsets and bytes of a UTF-8 column (nulls as empty texts), in one buffer; a text that comes again (the same
 * string as the row before, or a short text seen before) is copied from its bytes, not encoded again.
 * @internal
 */
export function utf8Buffers(cells: readonly (CellValue | undefined)[]): { valueOffsets: Int32Array; data: Uint8Array } {
  const length = cells.length;
  const valueOffsets = new Int32Array(length + 1);
  const bytesOf = new Array<Uint8Array | undefined>(length);
  const kept = new Map<string, Uint8Array>();
  let total = 0;
  let previous: unknown;
  let previousBytes: Uint8Array | undefined;
  for (let i = 0; i < length; i++) {
    const c = cells[i];
    let size = 0;
    if (typeof c === 'string') {
      let bytes = c === previous ? previousBytes : kept.get(c);
      if (bytes === undefined && c.length <= 64 && kept.size < TEXTS_KEPT) {
        bytes = Buffer.from(c, 'utf8');
        kept.set(c, bytes);
      }
      bytesOf[i] = bytes;
      previous = c;
      previousBytes = bytes;
      size = bytes === undefined ? Buffer.byteLength(c, 'utf8') : bytes.length;
    }
    valueOffsets[i + 1] = total += size;
  }
  const data = Buffer.allocUnsafe(total);
  for (let i = 0; i < length; i++) {
    const c = cells[i];
    if (typeof c !== 'string') continue;
    const at = valueOffsets[i] as number;
    const bytes = bytesOf[i];
    if (bytes === undefined) data.write(c, at, 'utf8');
    else if (bytes.length <= 16) for (let k = 0; k < bytes.length; k++) data[at + k] = bytes[k] as number;
    else data.set(bytes, at);
  }
  return { valueOffsets, data };
}

/** One column's Arrow data from its cells (already in the column's JS representation). @internal */
export function columnData(type: DataType, cells: readonly CellValue[]): Data {
  const length = cells.length;
  const base = { length, ...validity(cells) };
  if (type instanceof Int64 || type instanceof Timestamp) {
    const data = new BigInt64Array(length);
    for (let i = 0; i < length; i++) data[i] = (cells[i] as bigint | null) ?? 0n;
    return makeData({ ...base, type, data } as never);
  }
  if (type instanceof Float64) {
    const data = new Float64Array(length);
    for (let i = 0; i < length; i++) data[i] = (cells[i] as number | null) ?? 0;
    return makeData({ ...base, type, data });
  }
  if (type instanceof Bool) {
    const data = new Uint8Array(Math.ceil(length / 8));
    for (let i = 0; i < length; i++) if (cells[i] === true) setBit(data, i);
    return makeData({ ...base, type, data });
  }
  const { valueOffsets, data } = utf8Buffers(cells);
  return makeData({ ...base, type: type as Utf8, valueOffsets, data });
}

/**
 * Encodes a batch as one Arrow record batch: `_id`, `_entity`, `_timestamp` (milliseconds, UTC), then one column per
 * input field typed as `columns` say. A record with a value its column cannot carry (an integer beyond int64) is
 * refused with the reason and left out; the others are sent.
 * @internal
 */
export function encodeBatch(batch: readonly SideRecord[], columns: readonly FrameColumn[]): EncodedBatch {
  // Column by column: one array per column, no array per row; a record refused in any column is left out after.
  const refused = new Map<number, string>();
  const converted = columns.map((column) => {
    const out = new Array<CellValue>(batch.length);
    for (let i = 0; i < batch.length; i++) {
      const cell = toCell(column.kind, column.name, (batch[i] as SideRecord).input[column.name]);
      if (!(cell instanceof Refusal)) out[i] = cell;
      else {
        out[i] = null;
        if (!refused.has(i)) refused.set(i, cell.message);
      }
    }
    return out;
  });
  const sent = [...batch.keys()].filter((i) => !refused.has(i));
  const cells = refused.size === 0 ? converted : converted.map((column) => sent.map((i) => column[i] as CellValue));
  if (sent.length === 0) return { bytes: new Uint8Array(0), sent, refused };
  const kept = sent.map((i) => batch[i] as SideRecord);
  const meta: [string, DataType, CellValue[]][] = [
    ['_id', new Utf8(), kept.map((r) => r.id)],
    ['_entity', new Utf8(), kept.map((r) => r.entity ?? null)],
    ['_timestamp', arrowType('timestamp_ms'), kept.map((r) => BigInt(Math.trunc(r.timestamp)))],
  ];
  const all = [
    ...meta,
    ...columns.map((c, i): [string, DataType, CellValue[]] => [c.name, arrowType(c.kind), cells[i] as CellValue[]]),
  ];
  // A column the contract calls required is still declared nullable when a value is missing, so it is sent as it is.
  // `_entity` is null for a contract without an entity.
  const nullable = (i: number, values: CellValue[]) =>
    values.includes(null) || (i >= meta.length && (columns[i - meta.length] as FrameColumn).nullable);
  const fields = all.map(([name, type, values], i) => new Field(name, type, nullable(i, values)));
  const children = all.map(([, type, values]) => columnData(type, values));
  const struct = makeData({ type: new Struct(fields), length: kept.length, nullCount: 0, children });
  const table = new Table([new RecordBatch(new Schema(fields), struct)]);
  return { bytes: tableToIPC(table, 'stream'), sent, refused };
}
