import { rmSync, statSync } from 'node:fs';
import { MessageChannel } from 'node:worker_threads';
import type Tinypool from 'tinypool';
import type { SideName } from '../compare/divergence.ts';
import { partitionCount } from '../replay/entity-wise/partition-writer.ts';
import type { LineSource } from '../replay/ports.ts';
import type { ParallelStages, PartitionExecutor } from '../replay/replay.ts';
import type { SourceError, StageOne } from '../replay/stage-one.ts';
import type {
  PartitionRef,
  PartitionTaskResult,
  PartitionWorkerData,
  RoutedRange,
  RouteTask,
} from './partition-task.ts';

/** By default a log below this size is routed by one worker: splitting it would cost more than it saves. */
const MIN_RANGE_BYTES = 8 << 20;

/** How one log is cut into byte ranges for the workers to route at once (a gzip log cannot be cut). */
function rangesOf(path: string, workers: number, minRangeBytes: number): (RouteTask['range'] | undefined)[] {
  if (path.endsWith('.gz')) return [undefined];
  const size = statSync(path).size;
  const count = Math.max(1, Math.min(workers, Math.floor(size / minRangeBytes)));
  return Array.from({ length: count }, (_, i) => ({
    start: Math.floor((size * i) / count),
    end: i === count - 1 ? size : Math.floor((size * (i + 1)) / count),
  }));
}

/**
 * Both stages of a replay on a pool of worker threads (tinypool). Stage one: the workers route byte ranges of the
 * logs at once, each to partition files of its own, numbering lines from its range's start. Stage two: each
 * partition is read by a worker from the files of every range, its line numbers moved to where the range starts in
 * the run, and replayed on sides the worker rebuilt from the config. Only report state comes back to this thread.
 */
export function createWorkerStages(options: {
  readonly workers: number;
  readonly data: PartitionWorkerData;
  readonly sources: readonly LineSource[];
  readonly partitionBytes: number;
  readonly memoryBudgetBytes: number;
  /** The smallest byte range of a log one worker routes. Default 8 MiB. */
  readonly minRangeBytes?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** The share of entities replayed (`--sample`), in (0, 1). */
  readonly sample?: number;
  readonly sideDescriptions: Readonly<Record<SideName, string>>;
}): ParallelStages<PartitionRef> {
  // tinypool is an ES module only: loaded on first use, so that Lockstep's CommonJS build can be required without it.
  let started: Promise<Tinypool> | undefined;
  const pool = (): Promise<Tinypool> => (started ??= import('tinypool').then(({ default: Pool }) => newPool(Pool)));
  const newPool = (Pool: typeof Tinypool): Tinypool =>
    new Pool({
      filename: new URL('./partition-worker.js', import.meta.url).href,
      minThreads: options.workers,
      maxThreads: options.workers,
      workerData: options.data,
      idleTimeout: 60_000,
      // No resourceLimits: a cap would crash a side that needs memory, and the process-wide heap growth policy (see
      // heap-policy.ts) already keeps each worker near its live size. Capping the young generation made every worker
      // promote and collect far more (60% more CPU); an old-generation cap of 160 MB saved nothing measurable.
    });
  const partitions = partitionCount(options.sources, options.partitionBytes);
  const plan = options.sources.flatMap((source, sourceIndex) =>
    rangesOf(source.name, options.workers, options.minRangeBytes ?? MIN_RANGE_BYTES).map((range) => ({
      sourceIndex,
      path: source.name,
      range,
    })),
  );
  const routed: RoutedRange[] = [];
  /** Per routed range, the lines of the run before it. */
  const bases: number[] = [];
  const lineOffsets: number[] = [];
  const sourceErrors: SourceError[] = [];
  let skipped = 0;
  let sampledOut = 0;

  async function routeOne(task: (typeof plan)[number], onLines: (lines: number) => void): Promise<RoutedRange> {
    const channel = new MessageChannel();
    let reported = 0;
    channel.port1.on('message', (lines: number) => {
      reported += lines;
      onLines(lines);
    });
    const routeTask: RouteTask = {
      path: task.path,
      ...(task.range === undefined ? {} : { range: task.range }),
      partitions,
      memoryBudgetBytes: options.memoryBudgetBytes,
      ...(options.shard === undefined ? {} : { shard: options.shard }),
      ...(options.sample === undefined ? {} : { sample: options.sample }),
      progress: channel.port2,
    };
    try {
      const routed = (await (
        await pool()
      ).run(routeTask, { name: 'routeRange', transferList: [channel.port2] })) as RoutedRange;
      // Progress messages travel apart from the result and may still be on their way: count what they did not say.
      channel.port1.removeAllListeners('message');
      onLines(routed.lines - reported);
      return routed;
    } finally {
      channel.port1.close();
    }
  }

  const stageOne: StageOne<PartitionRef> = {
    async route(onLines) {
      const results = await Promise.allSettled(plan.map((task) => routeOne(task, onLines)));
      for (const r of results) if (r.status === 'fulfilled') routed.push(r.value);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
      // Line numbers run on across ranges and logs, as if one thread had read them in order.
      let lineBase = 0;
      let sourceBase = 0;
      plan.forEach((task, i) => {
        const range = routed[i] as RoutedRange;
        if (lineOffsets.length === task.sourceIndex) {
          lineOffsets.push(lineBase);
          sourceBase = lineBase;
        }
        if (range.error !== undefined) {
          sourceErrors.push({
            source: task.path,
            afterLine: lineBase - sourceBase + range.lines,
            message: range.error,
          });
        }
        skipped += range.skipped;
        sampledOut += range.sampledOut;
        bases.push(lineBase);
        lineBase += range.lines;
      });
    },
    async *partitions() {
      for (let partition = 0; partition < partitions; partition++) {
        const ranges = routed.flatMap((range, i) =>
          range.dir !== undefined && range.partitions.includes(partition)
            ? [{ dir: range.dir, lineBase: bases[i] as number }]
            : [],
        );
        if (ranges.length > 0) yield { partition, ranges };
      }
    },
    get skipped() {
      return skipped;
    },
    get sampledOut() {
      return sampledOut;
    },
    lineOffsets,
    sourceErrors,
    async dispose() {
      for (const range of routed) if (range.dir !== undefined) rmSync(range.dir, { recursive: true, force: true });
    },
  };

  const executor: PartitionExecutor<PartitionRef> = {
    sideDescriptions: options.sideDescriptions,
    parallelism: options.workers,
    async run(ref) {
      return (await (await pool()).run(ref)) as PartitionTaskResult;
    },
    async close() {
      if (started !== undefined) await (await started).destroy();
    },
  };
  return { stageOne, executor };
}
