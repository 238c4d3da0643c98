/** A log that could not be read to its end: where it stopped and why. @public */
export interface SourceError {
  readonly source: string;
  /** Lines of that source read (and replayed) before the error. */
  readonly afterLine: number;
  readonly message: string;
}

/**
 * Stage one of a replay: every line of the logs routed to the partition of its entity, and the partitions handed
 * out one by one for stage two. In this thread a `PartitionWriter` does it and a partition is its entries' bytes;
 * elsewhere (worker threads over byte ranges of the logs) a partition is whatever that executor's stage two reads.
 * @public
 */
export interface StageOne<P> {
  route(onLines: (lines: number) => void): Promise<void>;
  partitions(): AsyncIterable<P>;
  /** Lines that belong to other shards, not counted by this run. */
  readonly skipped: number;
  /** Lines of this shard left out by the sample (`--sample`), not counted by this run either. */
  readonly sampledOut?: number;
  /** Per source, the number of lines of the sources before it. */
  readonly lineOffsets: readonly number[];
  readonly sourceErrors: readonly SourceError[];
  dispose(): Promise<void>;
}
