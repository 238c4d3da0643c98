import type { SourceError } from './partition-writer.ts';

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
  /** Per source, the number of lines of the sources before it. */
  readonly lineOffsets: readonly number[];
  readonly sourceErrors: readonly SourceError[];
  dispose(): Promise<void>;
}
