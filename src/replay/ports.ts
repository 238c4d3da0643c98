import type { ColumnarLog } from './columnar/columnar-log.ts';

/**
 * Where log bytes come from (a file, a gzip file, stdin), already decompressed. The engine never opens files.
 * @public
 */
export interface LineSource {
  readonly name: string;
  /** Approximate size of the decoded text in bytes, when known; used to size partitions. */
  readonly sizeHint?: number;
  /** Where the first byte lies in the log when the source is a range of it (default 0): reports count from there. */
  readonly byteBase?: number;
  /** The bytes in order. A chunk may be reused by the source: it is only valid until the next one is requested. */
  open(): AsyncIterable<Uint8Array>;
  /** The same log column by column, when it is stored so (Parquet): the replay may then skip the JSON lines. */
  readonly columnar?: () => Promise<ColumnarLog>;
  /**
   * Why a tabular log that has no column-by-column view (a CSV log) is read as JSON lines: what the report says when
   * frame sides, which could have taken it column by column, replay it.
   */
  readonly notColumnar?: string;
}

/**
 * Disk space for partitions that do not fit in memory. Bytes are appended per partition and read back whole.
 * @public
 */
export interface SpillStore {
  append(partition: number, blocks: readonly Uint8Array[]): Promise<void>;
  /** A partition's bytes, valid until the next `read` (the store may reuse its buffer). */
  read(partition: number): Promise<Uint8Array | undefined>;
  dispose(): Promise<void>;
}
