import { type DataType, Field, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8 } from 'apache-arrow';
import { arrowType, columnData } from '../../implementations/_arrow-encode.ts';
import type { CellValue } from '../../implementations/_arrow-values.ts';
import type { LogColumns } from './columnar-log.ts';
import type { FieldPlan } from './plan.ts';

/** What every row of a batch carries besides its input: the helper columns of a frame (see `encodeBatch`). */
export interface RowFacts {
  readonly id: readonly string[];
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
  const meta: [string, DataType, CellValue[], boolean][] = [
    ['_id', new Utf8(), facts.id as string[], false],
    ['_entity', new Utf8(), facts.entity as string[], false],
    ['_timestamp', arrowType('timestamp_ms'), facts.timestamp.map((t) => BigInt(Math.trunc(t))), false],
  ];
  const inputs = fields.map((plan): [string, DataType, CellValue[], boolean] => {
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
  const children = all.map(([, type, cells]) => columnData(type, cells));
  const struct = makeData({ type: new Struct(schemaFields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(new Schema(schemaFields), struct)]), 'stream');
}
