import { SkewError } from '../errors.ts';
import { featuresOfRow } from './_feature-values.ts';
import { IdIndex } from './_id-index.ts';
import type { FeatureTable, FeatureTableOptions } from './feature-table.ts';
import { readParquetRows } from './parquet-rows.ts';

/**
 * Reads a Parquet features table (one file, or the part files of a folder as Spark writes it, in order): one row per
 * record, an id column and a column per feature or one `features` struct column. The rows stream in row group by row
 * group and are kept as one array per column (only the named `columns`, when given) plus an id → row map; int64 values come as `bigint` (exact), timestamps
 * as ISO 8601 strings.
 * @param parts - the file, or the part files of a folder, in order
 * @throws SkewError `SKEW_LOG_UNREADABLE` when a part is not a readable Parquet file; `SKEW_CONFIG_INVALID` when a
 * named column is in no part
 */
export async function readParquetFeatureTable(
  parts: readonly string[],
  options: FeatureTableOptions = {},
): Promise<FeatureTable> {
  const api = options.api ?? 'readParquetFeatureTable';
  const idField = options.idField ?? 'id';
  const wanted = options.columns === undefined ? undefined : new Set(options.columns);
  const seen = new Set<string>();
  const index = new IdIndex();
  const columns = new Map<string, unknown[]>();
  let rows = 0;
  for (const path of parts) {
    for await (const row of readParquetRows(path, { timestamps: 'iso', api })) {
      index.add(row[idField], rows);
      for (const key of Object.keys(row)) {
        seen.add(key);
        if (key === idField || (wanted !== undefined && !wanted.has(key))) continue;
        let column = columns.get(key);
        if (column === undefined) {
          column = [];
          columns.set(key, column);
        }
        column[rows] = row[key];
      }
      rows++;
    }
  }
  const absent = [...(wanted ?? [])].filter((column) => !seen.has(column));
  if (absent.length > 0 && rows > 0) {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `${api}: ${parts[0]} has no column ${absent.map((c) => `"${c}"`).join(', ')} (it has: ${[...seen].join(', ')}); fix columns: [...]`,
    );
  }
  return index.table(rows, (row) => {
    const values: Record<string, unknown> = {};
    for (const [key, column] of columns) if (row in column) values[key] = column[row];
    return featuresOfRow(values, idField, options.columns);
  });
}
