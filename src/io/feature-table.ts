import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { SkewError } from '../errors.ts';
import type { DuplicateId } from './_id-index.ts';

/**
 * A table of features computed offline for logged records (a batch job's output), indexed by record id.
 * @public
 */
export interface FeatureTable {
  /** Rows read, every row counted (duplicates and rows with no id included). */
  readonly rows: number;
  /** The row (0-based) that stands for a record id: the first row with that id. */
  rowOf(id: string): number | undefined;
  /** Every id with the row it stands for, in no particular order (to find the rows no record matched). */
  ids(): IterableIterator<[string, number]>;
  /** The features of a row. */
  featuresAt(row: number): Record<string, unknown>;
  /** Rows whose id an earlier row already had (they are ignored: the first row wins). */
  readonly duplicateRows: number;
  /** A few duplicate ids, each with the rows (1-based) that hold it. */
  readonly duplicates: readonly DuplicateId[];
  /** Rows with no usable id (missing, null, not a string or an integer), ignored. */
  readonly noIdRows: number;
  /** A few of those rows (1-based). */
  readonly noIdExamples: readonly number[];
}

/** Where a features table is read from, and how its rows give up their features. @public */
export interface FeatureTableOptions {
  /** The column holding the record id. Default `id`. */
  readonly idField?: string;
  /** Feature columns to take; default every column but the id (or the `features` struct/object, when a row has one). */
  readonly columns?: readonly string[];
  /** The API name error messages start with. */
  readonly api?: string;
}

/** The file formats a features table may have, by name. @public */
export type FeatureFileFormat = 'parquet' | 'jsonl';

/**
 * The format a features path has by its name: `.parquet` (a file, or a folder of part files as Spark writes it),
 * `.jsonl`, `.jsonl.gz`, `.ndjson` or `.ndjson.gz`; undefined for any other name.
 * @remarks Since 0.1
 * @public
 */
export function featureFileFormat(path: string): FeatureFileFormat | undefined {
  if (/\.parquet$/i.test(path)) return 'parquet';
  if (/\.(jsonl|ndjson)(\.gz)?$/i.test(path)) return 'jsonl';
  return undefined;
}

/**
 * The files a features path stands for: the file itself, or for a folder (Spark's `df.write.parquet(path)`), its
 * part files in name order, leaving out `_SUCCESS`, `.crc` and other hidden files.
 * @throws SkewError `SKEW_CONFIG_INVALID` when the path does not exist or the folder holds no part file
 */
export function featureFileParts(path: string, api: string): string[] {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `${api}: features file ${path} does not exist; run the batch job that writes it first, or fix the path`,
    );
  }
  if (!isDirectory) return [path];
  const format = featureFileFormat(path);
  const parts = readdirSync(path)
    .filter((name) => !name.startsWith('_') && !name.startsWith('.') && !name.endsWith('.crc'))
    .filter((name) => (format === 'parquet' ? name.endsWith('.parquet') : featureFileFormat(name) === 'jsonl'))
    .sort()
    .map((name) => join(path, name));
  if (parts.length === 0) {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `${api}: features folder ${path} holds no ${format ?? 'features'} part file; did the batch job finish?`,
    );
  }
  return parts;
}
