import { parquetSchema } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { Contract } from '../contract/contract.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import type { LineSource } from '../replay/ports.ts';
import { LineChunks } from './_line-chunks.ts';
import { parquetColumnarLog } from './parquet-columns.ts';
import { openParquetFile, type ParquetFile, parquetProblem } from './parquet-file.ts';
import { jsonTextWriter, parquetValueWriter } from './parquet-values.ts';
import { recordText, tabularLayout } from './tabular-layout.ts';
import { textSizeHint } from './text-size-hint.ts';

/** Converted types hyparquet cannot decode; a file with such a column is refused before the replay starts. */
const UNSUPPORTED = new Set(['BSON', 'INTERVAL']);

/**
 * Why a Parquet file cannot be replayed (a compression codec or column type that cannot be decoded), or undefined.
 */
export function parquetFileProblem(file: ParquetFile): string | undefined {
  for (const group of file.metadata.row_groups) {
    for (const chunk of group.columns) {
      const codec = chunk.meta_data?.codec;
      if (codec === undefined || codec === 'UNCOMPRESSED' || Object.hasOwn(compressors, codec)) continue;
      return `column "${chunk.meta_data?.path_in_schema.join('.')}" is compressed with ${codec}, which Lockstep cannot decompress; rewrite the log with snappy, gzip, zstd, brotli or lz4`;
    }
  }
  const bad = file.metadata.schema.find((e) => e.converted_type !== undefined && UNSUPPORTED.has(e.converted_type));
  return bad === undefined
    ? undefined
    : `column "${bad.name}" has type ${bad.converted_type}, which Lockstep cannot read from Parquet; cast it (e.g. to a string) when writing the log`;
}

/** Rows read on their own at the start of a log (more than the field-name check looks at). */
const FIRST_ROWS = 64;

async function* parquetLines(path: string, contract: Contract, format: LogFormat): AsyncGenerator<Uint8Array> {
  const file = await openParquetFile(path, 'runReplay', { timestamps: 'iso', binaryAsText: false });
  try {
    const schema = parquetSchema(file.metadata);
    const columns = schema.children.map((c) => c.element.name);
    const layout = tabularLayout(columns, contract, format);
    const holdsRecord = (node: (typeof schema.children)[number]) =>
      (node.element.name === format.inputField || node.element.name === format.servedField) &&
      node.children.length === 0;
    const writers = schema.children.map((node) => ({
      name: node.element.name,
      write: holdsRecord(node) ? jsonTextWriter() : parquetValueWriter(node),
    }));
    const chunks = new LineChunks();
    let rowsBefore = 0;
    for (let group = 0; group < file.groupRows.length; group++) {
      const size = file.groupRows[group] ?? 0;
      // The first rows of the log on their own, at once: a reader that looks at the first lines only (the check of
      // the log's field names) stops before the rest of the group is decoded.
      const slices = group === 0 && size > FIRST_ROWS ? [FIRST_ROWS, size] : [size];
      let from = 0;
      for (const to of slices) {
        let rows: Record<string, unknown>[];
        try {
          rows = await file.readGroup(group, undefined, { from, to });
        } catch (error) {
          // A corrupt row group: what was read so far is replayed, and the run reports where the log stopped.
          const rest = chunks.take();
          if (rest !== undefined) yield rest;
          throw new Error(
            `row group ${group + 1} of ${file.groupRows.length} (rows ${rowsBefore + from + 1}–${rowsBefore + size}) cannot be read: ${parquetProblem(error)}`,
          );
        }
        for (const row of rows) {
          const texts = writers.map((w) => w.write(row[w.name]));
          const chunk = chunks.push(`${recordText(layout, texts, format)}\n`);
          if (chunk !== undefined) yield chunk;
        }
        if (to < size) {
          const first = chunks.take();
          if (first !== undefined) yield first;
        }
        from = to;
      }
      rowsBefore += size;
    }
    const rest = chunks.take();
    if (rest !== undefined) yield rest;
  } finally {
    await file.close();
  }
}

/**
 * Reads a Parquet log, one row group at a time, as JSON Lines: row N of the file (counting from 1) is line N of the
 * log. Columns are placed in the record by {@link tabularLayout} (nested `input`/`served` struct columns, or flat
 * columns) and their values rendered losslessly (int64 exact, whole floats as `20.0`, NaN kept, timestamps as ISO-8601
 * UTC). A row group that cannot be decoded ends the source with an error after the rows before it.
 * @param path - the Parquet file
 * @param contract - the contract whose input fields flat columns are matched against
 * @param format - the log's field names
 * @remarks Since 0.1
 * @public
 */
export function parquetLineSource(path: string, contract: Contract, format: Partial<LogFormat> = {}): LineSource {
  const fields = { ...DEFAULT_LOG_FORMAT, ...format };
  return {
    name: path,
    sizeHint: textSizeHint(path, 'parquet'),
    open: () => parquetLines(path, contract, fields),
    columnar: () => parquetColumnarLog(path, contract, fields),
  };
}
