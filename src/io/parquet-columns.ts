import { parquetSchema, type SchemaTree } from 'hyparquet';
import { getSchemaPath } from 'hyparquet/src/schema.js';
import type { Contract } from '../contract/contract.ts';
import {
  type ColumnarLog,
  type LogColumn,
  type LogColumns,
  type RowSubset,
  UnreadableRowGroup,
} from '../replay/columnar/columnar-log.ts';
import { isoOf, type TimeUnit } from '../replay/columnar/iso-of.ts';
import type { LogFormat } from '../replay/log-format.ts';
import { columnSink, type FlatSink, KeptRows, sinkColumns, sinkValues, writeValue } from './column-sinks.ts';
import { openParquetFile, type ParquetFile, parquetProblem } from './parquet-file.ts';
import { readFlatChunk } from './parquet-flat-column.ts';
import { parquetValueWriter } from './parquet-values.ts';
import { recordText, tabularLayout } from './tabular-layout.ts';

/** Copies one chunk of a column's values (from hyparquet's reader) into `sink` from `at`, at most up to `end`. */
function copyChunk(chunk: ArrayLike<unknown>, sink: FlatSink, at: number, end: number): number {
  const n = Math.min(chunk.length, end - at);
  for (let i = 0; i < n; i++) writeValue(sink, at + i, chunk[i]);
  return at + n;
}

/**
 * Reads column `name` of row group `group` into `sink` from row `base` with the flat column reader; false (nothing
 * counted) when the column is not flat or a page is one only hyparquet's reader takes.
 */
async function readFlat(
  file: ParquetFile,
  group: number,
  name: string,
  sink: FlatSink,
  base: number,
): Promise<boolean> {
  const chunk = file.metadata.row_groups[group]?.columns.find((c) => c.meta_data?.path_in_schema.join('.') === name);
  const meta = chunk?.meta_data;
  if (chunk === undefined || meta === undefined || chunk.file_path !== undefined) return false;
  const schemaPath = getSchemaPath(file.metadata.schema, meta.path_in_schema);
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  try {
    const bytes = await file.slice(start, start + Number(meta.total_compressed_size));
    const rows = file.groupRows[group] as number;
    readFlatChunk(bytes, meta, schemaPath, file.parsers, file.utf8, file.rawTimestamps, rows, sink, base);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads row group `group`'s columns `names` into `sinks` (one each) from row `base`: the flat column reader where it
 * can, hyparquet's reader for any other column.
 */
async function readGroup(
  file: ParquetFile,
  group: number,
  names: readonly string[],
  sinks: readonly FlatSink[],
  base: number,
): Promise<void> {
  const rows = file.groupRows[group] as number;
  const left: number[] = [];
  for (const [i, name] of names.entries()) {
    if (!(await readFlat(file, group, name, sinks[i] as FlatSink, base))) left.push(i);
  }
  if (left.length === 0) return;
  // Any other column (nested, or one whose pages only hyparquet's reader takes): read by hyparquet.
  const part = await file.readGroupColumns(
    group,
    left.map((i) => names[i] as string),
  );
  for (const i of left) {
    const sink = sinks[i] as FlatSink;
    let at = base;
    for (const chunk of part[names[i] as string] ?? []) at = copyChunk(chunk, sink, at, base + rows);
    // A column short of its group's rows (it cannot be, in a valid file): its missing values are null.
    for (; at < base + rows; at++) sink.other(at, null);
  }
}

/** Where each of a row group's kept rows goes (-1: not kept), the first to `into`; and how many are kept. */
function keptIndex(
  keep: Uint8Array,
  base: number,
  rows: number,
  into: number,
): { readonly index: Int32Array; readonly count: number } {
  const index = new Int32Array(rows);
  let count = 0;
  for (let r = 0; r < rows; r++) index[r] = keep[base + r] === 1 ? into + count++ : -1;
  return { index, count };
}

/** The unit of a timestamp column, from its logical or converted type; undefined when it is no timestamp. */
function timestampUnit(node: SchemaTree): LogColumn['unit'] | undefined {
  const { logical_type: logical, converted_type: converted, type } = node.element;
  if (type !== 'INT64') return undefined;
  if (logical?.type === 'TIMESTAMP') return logical.unit === 'MILLIS' ? 'ms' : logical.unit === 'MICROS' ? 'us' : 'ns';
  if (converted === 'TIMESTAMP_MILLIS') return 'ms';
  if (converted === 'TIMESTAMP_MICROS') return 'us';
  return undefined;
}

/** How the columnar replay reads one top-level column (see `LogColumn`). */
function logColumn(node: SchemaTree): LogColumn {
  const { name, type, converted_type: converted, logical_type: logical, repetition_type: repetition } = node.element;
  if (node.children.length > 0 || repetition === 'REPEATED') return { name, kind: 'other' };
  const unit = timestampUnit(node);
  if (unit !== undefined) return { name, kind: 'timestamp', unit };
  const plain = converted === undefined && logical === undefined;
  const signedInt = plain || (logical?.type === 'INTEGER' && logical.isSigned) || converted === 'INT_64';
  if ((type === 'INT64' || type === 'INT32') && signedInt) return { name, kind: 'int' };
  if ((type === 'DOUBLE' || type === 'FLOAT') && plain) return { name, kind: 'float' };
  if (type === 'BOOLEAN') return { name, kind: 'bool' };
  if (type === 'BYTE_ARRAY' && (converted === 'UTF8' || logical?.type === 'STRING')) return { name, kind: 'utf8' };
  return { name, kind: 'other' };
}

/**
 * A flat Parquet log read column by column for the columnar replay (see `ColumnarLog`): the same file, layout and
 * value rendering as `parquetLineSource`, so that a row rendered for a report is byte for byte the line the row path
 * reads. A nested file (an `input` struct column) or one with `input.`-prefixed columns is left to the row path.
 * @param path - the Parquet file
 * @param contract - the contract whose input fields flat columns are matched against
 * @param format - the log's field names
 * @throws SkewError `SKEW_LOG_UNREADABLE` when the file is missing or not Parquet
 * @internal
 */
export async function parquetColumnarLog(path: string, contract: Contract, format: LogFormat): Promise<ColumnarLog> {
  const file = await openParquetFile(path, 'runReplay', { timestamps: 'raw', binaryAsText: false });
  const schema = parquetSchema(file.metadata);
  const names = schema.children.map((c) => c.element.name);
  const layout = tabularLayout(names, contract, format);
  const nested = names.includes(format.inputField);
  const prefixed = layout.places.find((p) => p.into === 'input' && p.column !== p.key);
  const columns = schema.children.map(logColumn);
  const units = columns.map((c) => c.unit);
  const writers = schema.children.map((node) => parquetValueWriter(node));
  return {
    columns:
      nested || prefixed !== undefined
        ? { unusable: nested ? 'a nested input column' : `the prefixed input column ${prefixed?.column}` }
        : columns,
    rows: file.groupRows.reduce((a, b) => a + b, 0),
    read: async (subset?: RowSubset): Promise<LogColumns> => {
      const total = subset?.count ?? file.groupRows.reduce((a, b) => a + b, 0);
      const sinks = columns.map((c) => columnSink(c.kind, total));
      let base = 0;
      let into = 0;
      for (let g = 0; g < file.groupRows.length; g++) {
        const rows = file.groupRows[g] as number;
        const kept = subset === undefined ? undefined : keptIndex(subset.keep, base, rows, into);
        // A row group none of whose rows is kept is not decoded at all.
        if (kept === undefined || kept.count > 0) {
          const targets = kept === undefined ? sinks : sinks.map((s) => new KeptRows(s, kept.index, base));
          try {
            await readGroup(file, g, names, targets, base);
          } catch (error) {
            const where = `row group ${g + 1} of ${file.groupRows.length} (rows ${base + 1}–${base + rows})`;
            throw new UnreadableRowGroup(`${where} cannot be read: ${parquetProblem(error)}`, base);
          }
        }
        into += kept === undefined ? rows : kept.count;
        base += rows;
      }
      return sinkColumns(names, sinks, total);
    },
    scan: async (name, each) => {
      const i = names.indexOf(name);
      if (i === -1) throw new Error(`parquetColumnarLog: no column ${name}`);
      let base = 0;
      for (let g = 0; g < file.groupRows.length; g++) {
        const rows = file.groupRows[g] as number;
        const sink = columnSink((columns[i] as LogColumn).kind, rows, false);
        await readGroup(file, g, [name], [sink], 0);
        each(sinkValues(sink), base);
        base += rows;
      }
    },
    lineText: (cols, row) => {
      const texts = names.map((name, i) => {
        const value = (cols.values[name] as ArrayLike<unknown>)[row];
        const unit = units[i];
        const shown =
          unit === undefined || (typeof value !== 'bigint' && typeof value !== 'number')
            ? value
            : isoOf(value, unit as TimeUnit);
        return (writers[i] as (v: unknown) => string)(shown);
      });
      return recordText(layout, texts, format);
    },
    close: () => file.close(),
  };
}
