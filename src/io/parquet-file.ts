import { open } from 'node:fs/promises';
import type { AsyncBuffer, FileMetaData, ParquetParsers } from 'hyparquet';
import { parquetMetadataAsync, parquetRead, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { SkewError } from '../errors.ts';
import { isoOf } from '../replay/columnar/iso-of.ts';

/**
 * How timestamp and date columns come out: `Date` objects, ISO-8601 UTC strings that keep every digit, or (`raw`)
 * timestamps as the integers stored, in their column's unit.
 */
export type ParquetTimestamps = 'date' | 'iso' | 'raw';

/** A Parquet file opened for reading row group by row group. Close it when done. */
export interface ParquetFile {
  readonly path: string;
  readonly metadata: FileMetaData;
  /** Rows in each row group, in file order. */
  readonly groupRows: readonly number[];
  /**
   * The rows of one row group as objects (rows `from` to `to` of it when given); throws (hyparquet's error) when the
   * group cannot be decoded.
   */
  readGroup(
    group: number,
    columns?: readonly string[],
    rows?: { readonly from: number; readonly to: number },
  ): Promise<Record<string, unknown>[]>;
  /**
   * The columns of one row group, each as the chunks of its values hyparquet decoded, in row order (arrays or typed
   * arrays; no object per row, no copy).
   */
  readGroupColumns(group: number, columns?: readonly string[]): Promise<Record<string, ArrayLike<unknown>[]>>;
  /** Bytes `start` to `end` of the file. */
  slice(start: number, end: number): Promise<ArrayBuffer>;
  /** The options hyparquet decodes this file's values with (timestamps' parsers, BYTE_ARRAY as text or not). */
  readonly parsers: Partial<ParquetParsers>;
  readonly utf8: boolean;
  /** Timestamps come out as the integers stored. */
  readonly rawTimestamps: boolean;
  close(): Promise<void>;
}

const NANOS_PER_MS = 1_000_000n;

/** `1970-01-01T00:00:00.000Z`, with 6 or 9 fraction digits when the instant has sub-millisecond precision. */
export function isoFromNanos(nanos: bigint): string {
  const ms = nanos / NANOS_PER_MS - (nanos % NANOS_PER_MS < 0n ? 1n : 0n);
  const rest = nanos - ms * NANOS_PER_MS; // 0 ≤ rest < 1e6
  const iso = new Date(Number(ms)).toISOString();
  if (rest === 0n) return iso;
  const digits = rest.toString().padStart(6, '0');
  const fraction = digits.endsWith('000') ? digits.slice(0, 3) : digits;
  return `${iso.slice(0, -1)}${fraction}Z`;
}

const ISO_PARSERS: Partial<ParquetParsers> = {
  // Milliseconds without bigint arithmetic (the same text: they have no sub-millisecond digits).
  timestampFromMilliseconds: (millis: bigint) => isoOf(millis, 'ms'),
  timestampFromMicroseconds: (micros: bigint) => isoFromNanos(BigInt(micros) * 1000n),
  timestampFromNanoseconds: (nanos: bigint) => isoFromNanos(BigInt(nanos)),
  dateFromDays: (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10),
};

const RAW_PARSERS: Partial<ParquetParsers> = {
  timestampFromMilliseconds: (millis: bigint) => millis,
  timestampFromMicroseconds: (micros: bigint) => micros,
  timestampFromNanoseconds: (nanos: bigint) => nanos,
};

/** Reads slices of a file through one handle (hyparquet's own file buffer opens a stream per slice). */
function handleBuffer(handle: Awaited<ReturnType<typeof open>>, size: number): AsyncBuffer {
  return {
    byteLength: size,
    async slice(start: number, end = size) {
      const length = Math.max(0, Math.min(end, size) - start);
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, start + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      return bytes.buffer;
    },
  };
}

/** hyparquet's message without its stack, e.g. `parquet file invalid (footer != PAR1)`. */
export function parquetProblem(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens a Parquet file and reads its footer.
 * @param api - the API name messages start with
 * @throws SkewError `SKEW_LOG_UNREADABLE` when the file is missing, not Parquet, or its footer is damaged
 */
export async function openParquetFile(
  path: string,
  api: string,
  options: { timestamps?: ParquetTimestamps; binaryAsText?: boolean } = {},
): Promise<ParquetFile> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new SkewError('SKEW_LOG_UNREADABLE', `${api}: cannot open ${path}: ${parquetProblem(error)}`);
  }
  const size = (await handle.stat()).size;
  const file = handleBuffer(handle, size);
  const parsers = options.timestamps === 'iso' ? ISO_PARSERS : options.timestamps === 'raw' ? RAW_PARSERS : undefined;
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file, parsers === undefined ? {} : { parsers });
  } catch (error) {
    await handle.close();
    throw new SkewError(
      'SKEW_LOG_UNREADABLE',
      `${api}: ${path} is not a readable Parquet file (${parquetProblem(error)}); write it with a Parquet writer (pyarrow, Spark, DuckDB) or pass a JSONL log`,
    );
  }
  const groupRows = metadata.row_groups.map((group) => Number(group.num_rows));
  const groupStarts: number[] = [];
  let start = 0;
  for (const rows of groupRows) {
    groupStarts.push(start);
    start += rows;
  }
  return {
    path,
    metadata,
    groupRows,
    readGroup: (group, columns, rows) => {
      const first = groupStarts[group] ?? 0;
      return parquetReadObjects({
        file,
        metadata,
        compressors,
        ...(parsers === undefined ? {} : { parsers }),
        ...(options.binaryAsText === false ? { utf8: false } : {}),
        ...(columns === undefined ? {} : { columns: [...columns] }),
        rowStart: first + (rows?.from ?? 0),
        rowEnd: first + (rows?.to ?? groupRows[group] ?? 0),
      });
    },
    readGroupColumns: async (group, only) => {
      const columns: Record<string, ArrayLike<unknown>[]> = {};
      const rowStart = groupStarts[group] ?? 0;
      await parquetRead({
        file,
        metadata,
        compressors,
        ...(parsers === undefined ? {} : { parsers }),
        ...(options.binaryAsText === false ? { utf8: false } : {}),
        ...(only === undefined ? {} : { columns: [...only] }),
        rowStart,
        rowEnd: rowStart + (groupRows[group] ?? 0),
        onChunk: (chunk) => {
          const into = columns[chunk.columnName] ?? [];
          columns[chunk.columnName] = into;
          into.push(chunk.columnData as ArrayLike<unknown>);
        },
      });
      return columns;
    },
    slice: async (start, end) => file.slice(start, end) as Promise<ArrayBuffer>,
    parsers: parsers ?? {},
    utf8: options.binaryAsText !== false,
    rawTimestamps: options.timestamps === 'raw',
    close: () => handle.close(),
  };
}
