/**
 * How a log file is encoded: JSON Lines (plain or gzip), Parquet, or CSV (plain or gzip).
 * @public
 */
export type LogFileFormat = 'jsonl' | 'parquet' | 'csv';

/** The formats `--log-format` takes. @public */
export const LOG_FILE_FORMATS: readonly LogFileFormat[] = ['jsonl', 'parquet', 'csv'];

/**
 * A log's format: the one given (`--log-format`), else its name's (`.parquet`; `.csv`, `.csv.gz`; anything else is
 * JSON Lines).
 * @remarks Since 0.1
 * @public
 */
export function logFileFormatOf(path: string, given?: LogFileFormat): LogFileFormat {
  if (given !== undefined) return given;
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.csv(\.gz)?$/i.test(path)) return 'csv';
  return 'jsonl';
}

/** Why a log of this format goes through the row path, and what a Parquet copy saves frame sides on the benchmark. */
const parquetWould = (format: string, saving: string): string =>
  `the log is ${format}; written as Parquet it would be read column by column (on the pandas benchmark: ${saving})`;

/** Why a CSV log goes through the row path, for the report when frame sides replay it (`LineSource.notColumnar`). @internal */
export const CSV_NOT_COLUMNAR: string = parquetWould('CSV', 'half the CPU, a third of the time');

/**
 * Why a compressed JSON-lines log goes through the row path (it is read as a stream), for the report when frame sides
 * replay it. @internal
 */
export const JSONL_GZ_NOT_COLUMNAR: string =
  'the log is compressed JSON lines, read as a stream; uncompressed or as Parquet it would be read column by column';
