import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { parse } from 'csv-parse';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import type { Contract } from '../contract/contract.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import type { LineSource } from '../replay/ports.ts';
import { LineChunks } from './_line-chunks.ts';
import { AUTO_CELL, type CellType, cellTypeOfFeature, cellTypeOfSchema, cellValue } from './csv-values.ts';
import { CSV_NOT_COLUMNAR } from './log-file-format.ts';
import { jsonTextWriter } from './parquet-values.ts';
import { type ColumnPlace, inputShape, recordText, type TabularLayout, tabularLayout } from './tabular-layout.ts';
import { textSizeHint } from './text-size-hint.ts';

const CHUNK = 1 << 20;

/** How each column's cells are typed: by the contract's input schema, a served feature's spec, or as they read. */
function cellType(place: ColumnPlace, contract: Contract): CellType {
  if (place.into === 'input' || place.into === 'input-and-top') {
    const schema = inputShape(contract)[place.key];
    return schema === undefined ? AUTO_CELL : cellTypeOfSchema(schema);
  }
  if (place.into === 'served') {
    const spec = contract.features[place.key];
    return spec === undefined ? AUTO_CELL : cellTypeOfFeature(spec);
  }
  return AUTO_CELL;
}

/** Writes each column's cells as JSON text: typed by {@link cellType}; an input or served column holds JSON text. */
function cellWriters(
  layout: TabularLayout,
  contract: Contract,
  format: LogFormat,
): ((text: string) => string | undefined)[] {
  return layout.places.map((place) => {
    if (place.column === format.inputField || place.column === format.servedField) return jsonTextWriter();
    const type = cellType(place, contract);
    return (text: string) => {
      const value = cellValue(text, type);
      return value === undefined ? undefined : stringifyLosslessJson(value);
    };
  });
}

/** csv-parse's record with its position (`info: true`). */
interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

async function* csvLines(path: string, contract: Contract, format: LogFormat): AsyncGenerator<Uint8Array> {
  const file = createReadStream(path, { highWaterMark: CHUNK });
  const bytes = /\.gz$/i.test(path) ? file.pipe(createGunzip()) : file;
  const parser = bytes.pipe(parse({ bom: true, relax_column_count: true, info: true }));
  bytes.on('error', (error: Error) => parser.destroy(error)); // a truncated gzip ends the source with its error
  let header: string[] | undefined;
  let layout: TabularLayout | undefined;
  let writers: ((text: string) => string | undefined)[] = [];
  const chunks = new LineChunks();
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      if (header === undefined || layout === undefined) {
        header = record;
        layout = tabularLayout(header, contract, format);
        writers = cellWriters(layout, contract, format);
        continue;
      }
      let line: string;
      if (record.length === 1 && record[0] === '' && header.length > 1) {
        line = '\n'; // an empty line: a blank line of the log
      } else if (record.length !== header.length) {
        // Kept as a record without an input, so the replay counts it invalid at its row, with this as its excerpt.
        line = `${stringifyLosslessJson({ [format.inputField]: `CSV row (ending on line ${info.lines} of the file) has ${record.length} fields where the header has ${header.length}` })}\n`;
      } else {
        line = `${recordText(
          layout,
          record.map((text, i) => writers[i]?.(text)),
          format,
        )}\n`;
      }
      const chunk = chunks.push(line);
      if (chunk !== undefined) yield chunk;
    }
  } catch (error) {
    // What was parsed is replayed; the run then reports where the log stopped and why.
    const rest = chunks.take();
    if (rest !== undefined) yield rest;
    throw new Error(`CSV cannot be read on: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    file.destroy();
  }
  const rest = chunks.take();
  if (rest !== undefined) yield rest;
}

/**
 * Reads a CSV log (a header row, then one row per record; `.csv.gz` is decompressed on the fly) as JSON Lines: data
 * row N (the header is not counted; a quoted field may span lines) is line N of the log. Columns are placed in the
 * record as in a flat Parquet table ({@link tabularLayout}) and cells typed by the contract (see `cellValue`). A row
 * with more or fewer fields than the header is an invalid record at its row.
 * @param path - the CSV file
 * @param contract - the contract whose input schema types the cells
 * @param format - the log's field names
 * @remarks Since 0.1
 * @public
 */
export function csvLineSource(path: string, contract: Contract, format: Partial<LogFormat> = {}): LineSource {
  return {
    name: path,
    sizeHint: textSizeHint(path, 'csv'),
    open: () => csvLines(path, contract, { ...DEFAULT_LOG_FORMAT, ...format }),
    notColumnar: CSV_NOT_COLUMNAR,
  };
}
