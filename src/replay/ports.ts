/** A chunk of consecutive lines of a log, with their 1-based line numbers and byte offsets. @public */
export interface LineChunk {
  readonly lines: readonly string[];
  readonly firstLine: number;
  readonly byteOffsets: readonly number[];
}

/**
 * Where log lines come from (a file, a gzip file, stdin). The engine never opens files itself.
 * @public
 */
export interface LineSource {
  readonly name: string;
  /** Approximate size of the decoded text in bytes, when known; used to size partitions. */
  readonly sizeHint?: number;
  chunks(): AsyncIterable<LineChunk>;
}

/**
 * Disk space for partitions that do not fit in memory. Entries are appended per partition and read back whole.
 * @public
 */
export interface SpillStore {
  append(partition: number, text: string): Promise<void>;
  read(partition: number): AsyncIterable<LineChunk>;
  dispose(): Promise<void>;
}
