import type { FrameExchange } from '../../implementations/frame-side.ts';
import type { SideRecord } from '../../implementations/side.ts';
import type { SliceColumn } from '../../slicing/count-columns.ts';
import type { InvalidLine } from '../decode/invalid-line.ts';
import type { SourceError } from '../stage-one.ts';
import type { ColumnarLog, LogColumns } from './columnar-log.ts';
import type { ColumnarPlan } from './plan.ts';

/**
 * A log (or one part of it, see partitioned.ts) read into columns, validated and grouped by entity, ready for the
 * columnar replay's batches. Rows are this run's own, from 0; `lineOf` gives each its line in the whole run.
 * @internal
 */
export interface ColumnarRun {
  readonly training: FrameExchange;
  readonly serving: FrameExchange;
  readonly plan: ColumnarPlan;
  /** Every source's columns (its rows in this part), concatenated. */
  readonly data: LogColumns;
  /** Per source, the rows (lines) of the whole sources before it. */
  readonly lineOffsets: readonly number[];
  /** Invalid rows, as the row path reports them. */
  readonly invalid: readonly InvalidLine[];
  /** Valid rows grouped by entity (entities in order of first row), each entity's rows by time, then line. */
  readonly order: Int32Array;
  /** Where each entity's rows start in `order`, and one past the last entity. */
  readonly entityStarts: readonly number[];
  /** The entity key of each row (valid rows only). */
  readonly entityOf: readonly string[];
  /** Epoch milliseconds of each row (valid rows only). */
  readonly timestampOf: Float64Array;
  /** The record id of each row, when its log has one. */
  recordIdOf(row: number): string | undefined;
  /** Rows of entities that belong to other shards (`--shard`): not replayed, not counted. */
  readonly skipped: number;
  /** Rows of this shard's entities left out of the sample (`--sample`): not replayed either. */
  readonly sampledOut: number;
  /** Duplicate ids in line order within each entity: [id, first line, line]. */
  readonly duplicates: readonly [string, number, number][];
  /** Row `row` as the row path decodes it (rendered, parsed, validated): for reports and reproductions. */
  decoded(row: number): SideRecord;
  /** Row `row` as the record the sides compute on, built from its columns (no `inputText`). */
  record(row: number): SideRecord;
  /** The input fields of rows `rows` as columns (what `record` gives each row as its input), for slicing counts. */
  sliceColumns(rows: ArrayLike<number>): SliceColumn[];
  lineOf(row: number): number;
  close(): Promise<void>;
}

/**
 * A log the columnar replay reads: held in memory whole (one part), or, above the rows it holds, in parts of whole
 * entities read one after the other (see partitioned.ts).
 * @internal
 */
export interface ColumnarParts {
  /** The rows of every log. */
  readonly rows: number;
  /** Per source, the rows of the sources before it. */
  readonly lineOffsets: readonly number[];
  readonly partCount: number;
  /** Rows of other shards and rows the sample left out, in the parts read so far. */
  readonly skipped: number;
  readonly sampledOut: number;
  /** Each part, read, validated and grouped when the one before is done with. */
  parts(): AsyncGenerator<ColumnarRun>;
  /** Logs a part could not read to their end (a row group that cannot be decoded): the parts after it are not read. */
  readonly sourceErrors: readonly SourceError[];
  close(): Promise<void>;
}

/**
 * Why the columnar replay left logs it could have read column by column to the row path (JSON lines): the reason is
 * reported, so that a slow or memory-hungry run over Parquet says why it was.
 * @internal
 */
export interface RowPathReason {
  readonly rowPath: string;
}

/** @internal */
export const rowPath = (why: string): RowPathReason => ({ rowPath: why });

/** An entity with more rows than the row path's entity limit: that path streams or refuses it. @internal */
export function entityAboveLimit(key: string, rows: number, limit: number): RowPathReason {
  const count = (n: number): string => n.toLocaleString('en-US');
  return rowPath(`entity ${key} has ${count(rows)} rows, above the entity limit of ${count(limit)}`);
}

/**
 * The rows of one part of a log the columnar path replays in parts (see partitioned.ts): per source, which of its rows
 * the part holds, and the byte offsets the row path gives rows of the whole log (a part has the rows before its own
 * only on disk).
 * @internal
 */
export interface PartRows {
  /** Per source, the source's rows this part holds, in order (row `i` of the part's source `s` is `rows[s][i]`). */
  readonly rows: readonly Int32Array[];
  /** Where rows of the whole log (run-wide, from 0) start in their log's JSON rendering. */
  byteOffsets(rows: readonly number[]): Promise<ReadonlyMap<number, number>>;
}

/** Closes the logs, whatever fails. @internal */
export async function closeLogs(logs: readonly ColumnarLog[]): Promise<void> {
  await Promise.allSettled(logs.map((l) => l.close()));
}
