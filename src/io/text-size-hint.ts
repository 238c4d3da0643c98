import { statSync } from 'node:fs';

/**
 * About how many bytes of JSON text a log file's rows become, read without opening the file's reader (partitions are
 * sized from it before any row is read): a Parquet file's columns are compressed and typed, so its rows take about 4
 * times its size as JSON; a CSV file's rows about twice its size, 8 times when gzipped.
 * @param path - the log file
 * @param format - how it is read
 * @internal
 */
export function textSizeHint(path: string, format: 'parquet' | 'csv'): number {
  const size = statSync(path).size;
  if (format === 'parquet') return size * 4;
  return /\.gz$/i.test(path) ? size * 8 : size * 2;
}
