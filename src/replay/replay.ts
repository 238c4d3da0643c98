import { compileComparator } from '../compare/compare-features.ts';
import type { SideName } from '../compare/divergence.ts';
import type { Contract } from '../contract/contract.ts';
import { requireEntity } from '../contract/require-entity.ts';
import { asFrameExchange } from '../implementations/frame-side.ts';
import type { SidePair } from '../implementations/side.ts';
import type { ColumnarParts, RowPathReason } from './columnar/columnar-run.ts';
import { checkColumnarMaxRows, openColumnar } from './columnar/open-columnar.ts';
import { drainDiagnostics } from './compare-batch.ts';
import { checkMaxEntityEvents } from './entity-wise/entity-limit.ts';
import { PartitionWriter, partitionCount } from './entity-wise/partition-writer.ts';
import { processPartition } from './entity-wise/process-partition.ts';
import { holdFrameBatches, holdLogInMemory } from './heap-policy.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from './log-format.ts';
import type { LineSource, SpillStore } from './ports.ts';
import { LogOrderStream } from './record-wise/log-order-stream.ts';
import { type DivergenceExample, type LogLine, logLineOf, type ReplayReport } from './replay-report.ts';
import { checkSampleRate, type LineSelection } from './sample.ts';
import type { StageOne } from './stage-one.ts';
import { type Explanation, ReportBuilder } from './tally/report-builder.ts';
import type { ClassState, ReportState } from './tally/report-state.ts';

/** Progress of a running replay, for progress bars. @public */
export interface ReplayProgress {
  readonly phase: 'partition' | 'compare';
  /** Lines read so far (partition phase) or lines accounted for (compare phase). */
  readonly done: number;
  readonly total?: number;
}

/**
 * Runs stage two of a replay on partitions elsewhere (worker threads, other processes) and hands back what each
 * accumulated.
 * @public
 */
export interface PartitionExecutor<P> {
  readonly sideDescriptions: Readonly<Record<SideName, string>>;
  /** How many partitions may run at once. */
  readonly parallelism: number;
  /** What the partition accumulated, and every divergence in it when `collectDivergences` was asked for. */
  run(partition: P): Promise<{ readonly state: ReportState; readonly divergences: readonly DivergenceExample[] }>;
  close(): Promise<void>;
}

/** Both stages of a replay run elsewhere: stage one's partitions go to the executor's stage two. @public */
export interface ParallelStages<P> {
  readonly stageOne: StageOne<P>;
  readonly executor: PartitionExecutor<P>;
}

/** Raw bytes of log lines per partition, unless told otherwise. @public */
export const DEFAULT_PARTITION_BYTES: number = 2 << 20;
/** Raw bytes held in memory before stage one spills partitions to disk, unless told otherwise. @public */
export const DEFAULT_MEMORY_BUDGET_BYTES: number = 8 << 20;

/** What `replayContract` takes. @public */
export interface ReplayOptions {
  readonly contract: Contract;
  readonly sides: SidePair;
  readonly sources: readonly LineSource[];
  /** Disk for partitions that do not fit in memory. */
  readonly spill: () => Promise<SpillStore>;
  readonly format?: Partial<LogFormat>;
  /** Records per side call. Default 512. */
  readonly batchSize?: number;
  /**
   * Events one entity may have (entity-wise sides get an entity's whole history in one batch): an entity above it is
   * not sent to the sides, each of its records errored with why. Below it any entity is replayed; one longer than a
   * batch streams to the sides without its decoded history held. Default `DEFAULT_MAX_ENTITY_EVENTS` (1,000,000).
   */
  readonly maxEntityEvents?: number;
  /** Examples kept per feature and per invalid reason. Default 5. */
  readonly exampleLimit?: number;
  /** Raw bytes per partition. Default `DEFAULT_PARTITION_BYTES` (2 MiB). */
  readonly partitionBytes?: number;
  /** Raw bytes buffered before spilling to disk. Default `DEFAULT_MEMORY_BUDGET_BYTES` (8 MiB). */
  readonly memoryBudgetBytes?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /**
   * Replays only this share of entities, in (0, 1] (`--sample`): an entity is kept when a hash of its key (independent
   * of the shard's) falls below the rate, so samples agree across runs, machines and shards. Default 1: every entity.
   */
  readonly sample?: number;
  /**
   * Runs both stages in parallel elsewhere (worker threads over byte ranges of the logs); `sides` then only explain
   * the largest classes. Without it, this thread routes the sources and runs every partition on `sides`.
   */
  readonly parallel?: ParallelStages<unknown>;
  readonly onProgress?: (progress: ReplayProgress) => void;
  /**
   * Called for every divergence (including side errors), e.g. to write them all to a file, with the log and the
   * line in that log it came from (`divergence.line` runs on across logs).
   */
  readonly onDivergence?: (divergence: DivergenceExample, at: LogLine) => void;
  /**
   * Explains the largest classes after the run, with the sides still open: e.g. reduce the first record to a minimal
   * input that still diverges (the runner plugs in `minimizeInput`) and add hints.
   */
  readonly explain?: (cls: ClassState, sides: SidePair) => Promise<Explanation>;
  /** How many classes (largest first) to explain. Default 10. */
  readonly explainLimit?: number;
  /**
   * The explainer uses sides of its own (factories: a fresh side per try), so it may run while the replay still reads:
   * in a log-order replay (no entity-wise side) the first `explainLimit` classes are explained as soon as each
   * appears, concurrently with the replay's tail; the largest ones not explained by then, at the end.
   */
  readonly explainEarly?: boolean;
  /** Injected clock (milliseconds); the core never reads the time itself. */
  readonly now?: () => number;
  /**
   * Whether a columnar log (Parquet) replayed through two frame sides of this contract may skip the JSON lines: its
   * columns then go straight into Arrow batches and answers are compared column by column (src/replay/columnar/).
   * Default true; false forces the row path (for comparing the two).
   */
  readonly columnar?: boolean;
  /**
   * The most rows the columnar path holds in memory (default 2,000,000): a longer log is read in parts of whole
   * entities, each of about as many rows (each part decodes the log's columns again).
   */
  readonly columnarMaxRows?: number;
}

async function forEachParallel<T>(
  items: AsyncIterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const running = new Set<Promise<void>>();
  for await (const item of items) {
    const p: Promise<void> = work(item).finally(() => running.delete(p));
    running.add(p);
    if (running.size >= limit) await Promise.race(running);
  }
  await Promise.all(running);
}

/** Whether both sides take Arrow batches (frame sides): only then may a log go column by column. */
function bothFrameSides(sides: SidePair): boolean {
  return asFrameExchange(sides.training) !== undefined && asFrameExchange(sides.serving) !== undefined;
}

function anyFrameSide(sides: SidePair): boolean {
  return asFrameExchange(sides.training) !== undefined || asFrameExchange(sides.serving) !== undefined;
}

/**
 * Opens the columnar path (it reads the whole log) while frame sides start, so that their children import pandas
 * meanwhile; other sides start later, as they always did. Should reading fail, the sides started are closed.
 * `release` lets go of the heap policy for a log held in memory when no log is (see `holdLogInMemory`).
 */
async function openColumnarStarting(
  sources: readonly LineSource[],
  contract: Contract,
  format: LogFormat,
  sides: SidePair,
  options: Pick<ReplayOptions, 'maxEntityEvents' | 'columnarMaxRows'>,
  selection: LineSelection,
  release: () => void,
): ReturnType<typeof openColumnar> {
  const frames = bothFrameSides(sides);
  // Awaited again (start is idempotent) where the replay starts its sides: a failure is reported there.
  if (frames) Promise.all([sides.training.start?.(), sides.serving.start?.()]).catch(() => undefined);
  try {
    const opened = await openColumnar(sources, contract, format, sides, {
      ...(options.maxEntityEvents === undefined ? {} : { maxEntityEvents: options.maxEntityEvents }),
      ...(options.columnarMaxRows === undefined ? {} : { maxRows: options.columnarMaxRows }),
      selection,
    });
    if (opened === undefined || 'rowPath' in opened) release();
    return opened;
  } catch (error) {
    release();
    if (frames) await Promise.allSettled([sides.training.close?.(), sides.serving.close?.()]);
    throw error;
  }
}

/**
 * Replays logged records through the training and serving sides of a contract and reports every divergence.
 * Every line is accounted for: `compared + invalid + errored = read`.
 * @throws SkewError `SKEW_CONTRACT_INVALID` when a side is entity-wise and neither the contract nor the log format
 *   names the entity
 * @remarks Since 0.1
 * @public
 */
export async function replayContract(options: ReplayOptions): Promise<ReplayReport> {
  const { contract, sides, sources, parallel } = options;
  const now = options.now ?? (() => 0);
  const started = now();
  const format: LogFormat = { ...DEFAULT_LOG_FORMAT, ...options.format };
  requireEntity(contract, sides, 'replayContract', format.entityField);
  const batchSize = options.batchSize ?? 512;
  // Neither side entity-wise: no partitions, the logs stream through in order (see LogOrderStream).
  const streaming = parallel === undefined && sides.training.shape === 'record' && sides.serving.shape === 'record';
  if (options.sample !== undefined) checkSampleRate(options.sample, 'replayContract');
  if (options.maxEntityEvents !== undefined) checkMaxEntityEvents(options.maxEntityEvents, 'replayContract');
  if (options.columnarMaxRows !== undefined)
    checkColumnarMaxRows(options.columnarMaxRows, 'replayContract: columnarMaxRows');
  const sample = options.sample === undefined || options.sample >= 1 ? undefined : options.sample;
  const selection = { ...(options.shard ? { shard: options.shard } : {}), ...(sample === undefined ? {} : { sample }) };
  const tryColumnar = options.columnar !== false && parallel === undefined;
  // From the first part's reading to the replay's end, the heap may hold a log (see holdLogInMemory).
  const release =
    tryColumnar && bothFrameSides(sides) && sources.some((s) => s.columnar !== undefined)
      ? holdLogInMemory()
      : () => undefined;
  const opened = tryColumnar
    ? await openColumnarStarting(sources, contract, format, sides, options, selection, release)
    : undefined;
  const columnar = opened === undefined || 'rowPath' in opened ? undefined : opened;
  const path = replayPath(opened, options, sources, sides);
  const columnarStage =
    columnar === undefined
      ? undefined
      : {
          lineOffsets: columnar.lineOffsets,
          // Filled when a part finds a row group it cannot decode (read before the report is built).
          sourceErrors: columnar.sourceErrors,
          // Counted part by part (a log above the rows held in memory is read in parts).
          get skipped() {
            return columnar.skipped;
          },
          get sampledOut() {
            return columnar.sampledOut;
          },
          dispose: () => columnar.close().finally(release),
        };
  const stream = streaming && columnar === undefined ? new LogOrderStream(sources, selection) : undefined;
  const writer =
    parallel === undefined && !streaming && columnar === undefined
      ? new PartitionWriter(
          sources,
          contract,
          format,
          {
            partitions: partitionCount(sources, options.partitionBytes ?? DEFAULT_PARTITION_BYTES),
            memoryBudgetBytes: options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES,
            ...selection,
          },
          options.spill,
        )
      : undefined;
  const stageOne: LogOrderStream | StageOne<unknown> | NonNullable<typeof columnarStage> =
    columnarStage ?? stream ?? writer ?? (parallel as ParallelStages<unknown>).stageOne;
  const { onDivergence } = options;
  const names = sources.map((s) => s.name);
  // Divergences only come in stage two, when stage one has counted the lines of every log.
  const emit =
    onDivergence === undefined
      ? undefined
      : (d: DivergenceExample): void => onDivergence(d, logLineOf(names, stageOne.lineOffsets, d.line));
  const builder = new ReportBuilder(contract, options.exampleLimit ?? 5, emit);
  const explanations = new Map<string, Explanation>();
  let read = 0;
  let processed = 0;
  const progress = (lines: number): void => {
    processed += lines;
    options.onProgress?.({
      phase: 'compare',
      done: processed,
      total: read - stageOne.skipped - (stageOne.sampledOut ?? 0),
    });
  };
  const ctx = {
    contract,
    sides,
    format,
    compare: compileComparator(contract),
    builder,
    batchSize,
    ...(options.maxEntityEvents === undefined ? {} : { maxEntityEvents: options.maxEntityEvents }),
    onProcessed: progress,
  };
  const early = new Map<string, { readonly line: number | undefined; readonly explanation: Promise<Explanation> }>();
  const { explain } = options;
  if (stream !== undefined && explain !== undefined && options.explainEarly === true) {
    builder.onNewClass = (key, state) => {
      if (early.size >= (options.explainLimit ?? 10)) return;
      const explanation = explain(state, sides).catch((): Explanation => ({}));
      early.set(key, { line: state.reproduction?.record.line, explanation });
    };
  }
  // A frame side on the row path keeps whole batches in flight (see holdFrameBatches): from here to the replay's end.
  const releaseBatches =
    columnar === undefined && parallel === undefined && anyFrameSide(sides) ? holdFrameBatches() : () => undefined;
  try {
    if (parallel === undefined) await Promise.all([sides.training.start?.(), sides.serving.start?.()]);
    if (columnar !== undefined) {
      read = columnar.rows;
      const { runColumnar } = await import('./columnar/run-columnar.ts');
      for await (const part of columnar.parts()) await runColumnar(part, ctx);
    } else if (stream !== undefined) {
      await stream.run(ctx, (n) => {
        read += n;
      });
    } else {
      await (stageOne as StageOne<unknown>).route((n) => {
        read += n;
        options.onProgress?.({ phase: 'partition', done: read });
      });
    }
    if (writer !== undefined) {
      for await (const entries of writer.partitions()) await processPartition(entries, ctx);
    } else if (stream === undefined && columnar === undefined) {
      const { executor, stageOne: routed } = parallel as ParallelStages<unknown>;
      await forEachParallel(routed.partitions(), executor.parallelism, async (partition) => {
        const { state, divergences } = await executor.run(partition);
        builder.merge(state);
        if (emit !== undefined) for (const d of divergences) emit(d);
        progress(state.read);
      });
    }
    if (options.explain !== undefined) {
      if (parallel !== undefined) await Promise.all([sides.training.start?.(), sides.serving.start?.()]);
      for (const { key, state } of builder.classesToExplain(options.explainLimit ?? 10)) {
        const started = early.get(key);
        // Explained early from the record that is still the class's first (batches in flight may finish out of order).
        const sameRecord = started !== undefined && started.line === state.reproduction?.record.line;
        explanations.set(key, sameRecord ? await started.explanation : await options.explain(state, sides));
      }
    }
  } finally {
    await Promise.allSettled([
      sides.training.close?.(),
      sides.serving.close?.(),
      parallel?.executor.close(),
      stageOne.dispose(),
      // No explanation started early outlives the replay, whether or not its class made the largest ones.
      ...[...early.values()].map((e) => e.explanation),
    ]);
    releaseBatches();
  }
  // What sides tell as they close: rows of a precomputed features file that no record joined.
  drainDiagnostics(ctx);
  const sideDescriptions = parallel?.executor.sideDescriptions ?? {
    training: sides.training.description,
    serving: sides.serving.description,
  };
  const report = builder.build({
    sources: names,
    sideDescriptions,
    durationMs: now() - started,
    explanations,
    sourceErrors: stageOne.sourceErrors,
    sourceLineOffsets: stageOne.lineOffsets,
    ...selection,
    sampledOut: stageOne.sampledOut ?? 0,
  });
  return path === undefined ? report : { ...report, columnar: path };
}

/**
 * Whether logs the columnar path could read went through it, and why not when they did not; undefined when the
 * question does not arise (a side that is not a frame side, no log read column by column).
 */
function replayPath(
  opened: ColumnarParts | RowPathReason | undefined,
  options: Pick<ReplayOptions, 'columnar' | 'parallel'>,
  sources: readonly LineSource[],
  sides: SidePair,
): ReplayReport['columnar'] {
  if (opened !== undefined) {
    if ('rowPath' in opened) return { used: false, because: opened.rowPath };
    return opened.partCount > 1 ? { used: true, parts: opened.partCount } : { used: true };
  }
  if (!bothFrameSides(sides)) return undefined;
  if (!sources.some((s) => s.columnar !== undefined)) {
    // No log could go column by column; one that a Parquet copy of it would (CSV) says so.
    const because = sources.find((s) => s.notColumnar !== undefined)?.notColumnar;
    return because === undefined ? undefined : { used: false, because };
  }
  if (options.columnar === false) return { used: false, because: 'the row path was asked for (columnar: false)' };
  if (options.parallel !== undefined) return { used: false, because: 'worker threads replay JSON lines' };
  return undefined;
}
