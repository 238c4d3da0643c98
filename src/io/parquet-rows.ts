import { SkewError } from '../errors.ts';
import { openParquetFile, type ParquetTimestamps, parquetProblem } from './parquet-file.ts';

/**
 * Options for {@link readParquetRows}.
 * @public
 */
export interface ParquetRowsOptions {
  /** Top-level columns to read (a struct column comes whole); all columns when omitted. */
  readonly columns?: readonly string[];
  /** Timestamp and date columns as `Date` objects (default) or ISO-8601 UTC strings that keep micro/nanoseconds. */
  readonly timestamps?: ParquetTimestamps;
  /** The API name error messages start with (default `readParquetRows`). */
  readonly api?: string;
}

/**
 * The rows of a Parquet file as objects, read one row group at a time so a file larger than memory streams.
 * INT64 columns come as `bigint` (exact beyond 2^53), INT32 and floating-point columns as numbers (NaN kept), strings
 * as strings, struct columns as objects, lists as arrays, nulls as `null`; every codec Parquet writers use (snappy,
 * gzip, zstd, brotli, lz4) is read.
 * @param path - the Parquet file
 * @throws SkewError `SKEW_LOG_UNREADABLE` when the file is missing, not Parquet, or a row group cannot be decoded
 * (the message names the file and the row group)
 * @remarks Since 0.1
 * @public
 */
export async function* readParquetRows(
  path: string,
  options: ParquetRowsOptions = {},
): AsyncGenerator<Record<string, unknown>, void, undefined> {
  const api = options.api ?? 'readParquetRows';
  const file = await openParquetFile(
    path,
    api,
    options.timestamps === undefined ? {} : { timestamps: options.timestamps },
  );
  try {
    for (let group = 0; group < file.groupRows.length; group++) {
      let rows: Record<string, unknown>[];
      try {
        rows = await file.readGroup(group, options.columns);
      } catch (error) {
        throw new SkewError(
          'SKEW_LOG_UNREADABLE',
          `${api}: ${path}: row group ${group + 1} of ${file.groupRows.length} cannot be read (${parquetProblem(error)})`,
        );
      }
      yield* rows;
    }
  } finally {
    await file.close();
  }
}
