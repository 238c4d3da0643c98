import { SkewError } from '../errors.ts';
import { readJsonlFeatureTable } from './feature-file-jsonl.ts';
import { readParquetFeatureTable } from './feature-file-parquet.ts';
import { type FeatureTable, type FeatureTableOptions, featureFileFormat, featureFileParts } from './feature-table.ts';

/**
 * Loads a table of precomputed features by its name: `.parquet` (a file or a folder of part files), `.jsonl`,
 * `.jsonl.gz`, `.ndjson` or `.ndjson.gz` (a file or a folder of such parts).
 * @param path - the features file or folder
 * @throws SkewError `SKEW_CONFIG_INVALID` for a missing path or another name; `SKEW_LOG_UNREADABLE` for a file that
 * cannot be read
 * @remarks Since 0.1
 * @public
 */
export async function loadFeatureTable(path: string, options: FeatureTableOptions = {}): Promise<FeatureTable> {
  const api = options.api ?? 'loadFeatureTable';
  const format = featureFileFormat(path);
  if (format === undefined) {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `${api}: ${path}: a features file is read by its name: .parquet, .jsonl, .jsonl.gz, .ndjson or .ndjson.gz`,
    );
  }
  const parts = featureFileParts(path, api);
  const read = format === 'parquet' ? readParquetFeatureTable : readJsonlFeatureTable;
  return await read(parts, { ...options, api });
}
