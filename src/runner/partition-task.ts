import type { MessagePort } from 'node:worker_threads';
import { workerData } from 'node:worker_threads';
import { compileComparator } from '../compare/compare-features.ts';
import type { SideSpec } from '../config/define-config.ts';
import { loadConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import type { SidePair } from '../implementations/side.ts';
import { createFsSpillStore, type FsSpillStore, readSpillFile } from '../io/fs-spill-store.ts';
import { fileLineSource, fileRangeSource } from '../io/line-source.ts';
import type { PartitionContext } from '../replay/compare-batch.ts';
import { rebaseLines } from '../replay/entity-wise/partition-entry.ts';
import { PartitionWriter } from '../replay/entity-wise/partition-writer.ts';
import { processPartition } from '../replay/entity-wise/process-partition.ts';
import type { LogFormat } from '../replay/log-format.ts';
import type { DivergenceExample } from '../replay/replay-report.ts';
import { ReportBuilder } from '../replay/tally/report-builder.ts';
import type { ReportState } from '../replay/tally/report-state.ts';
import { resolveSide } from './resolve-side.ts';

/** What every worker is started with: enough to rebuild the contract and its sides from the config. */
export interface PartitionWorkerData {
  readonly configPath: string;
  readonly cwd: string;
  readonly contract: string;
  readonly training?: SideSpec;
  readonly serving?: SideSpec;
  readonly format: LogFormat;
  readonly batchSize: number;
  /** Events an entity may have before it is refused (`--max-entity-events`). */
  readonly maxEntityEvents?: number;
  readonly exampleLimit: number;
  readonly collectDivergences: boolean;
}

/** Stage one in a worker: route one log, or the lines of a byte range of it, to partition files of its own. */
export interface RouteTask {
  readonly path: string;
  /** Lines that start in these bytes; the whole log (a gzip file, say) when absent. */
  readonly range?: { readonly start: number; readonly end: number };
  readonly partitions: number;
  readonly memoryBudgetBytes: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /** The share of entities replayed (`--sample`). */
  readonly sample?: number;
  /** Receives the number of lines read, chunk by chunk, for progress. */
  readonly progress: MessagePort;
}

/** What routing one range left behind: partition files in `dir`, with line numbers counted from the range's start. */
export interface RoutedRange {
  readonly dir?: string;
  readonly partitions: readonly number[];
  readonly lines: number;
  readonly skipped: number;
  /** Lines of the shard left out by the sample. */
  readonly sampledOut: number;
  /** Why reading stopped early (a corrupt gzip file, an I/O error), after `lines` lines. */
  readonly error?: string;
}

/** Stage two in a worker: one partition, read from the files of every range that routed lines to it. */
export interface PartitionRef {
  readonly partition: number;
  readonly ranges: readonly { readonly dir: string; readonly lineBase: number }[];
}

/** What a worker sends back for one partition. */
export interface PartitionTaskResult {
  readonly state: ReportState;
  readonly divergences: readonly DivergenceExample[];
}

type Setup = Omit<PartitionContext, 'builder' | 'onProcessed'>;
let setup: Promise<Setup> | undefined;

async function prepare(data: PartitionWorkerData): Promise<Setup> {
  const loaded = await loadConfig(data.configPath, data.cwd);
  const binding = loaded.config.contracts.find((b) => b.contract.name === data.contract);
  if (binding === undefined)
    throw new SkewError(
      'SKEW_INTERNAL',
      `partition worker: contract "${data.contract}" vanished from ${data.configPath}`,
    );
  const sides: SidePair = {
    training: await resolveSide(data.training ?? binding.training, { root: loaded.root }),
    serving: await resolveSide(data.serving ?? binding.serving, { root: loaded.root }),
  };
  await Promise.all([sides.training.start?.(), sides.serving.start?.()]);
  const contract = binding.contract;
  const limit = data.maxEntityEvents === undefined ? {} : { maxEntityEvents: data.maxEntityEvents };
  return {
    contract,
    sides,
    format: data.format,
    compare: compileComparator(contract),
    batchSize: data.batchSize,
    ...limit,
  };
}

function workerSetup(): { data: PartitionWorkerData; ready: Promise<Setup> } {
  // tinypool passes [its own data, ours]
  const data = (workerData as [unknown, PartitionWorkerData])[1];
  setup ??= prepare(data);
  return { data, ready: setup };
}

/** Routes one range of a log to partition files (stage one of a replay in a worker thread). */
export async function routeRange(task: RouteTask): Promise<RoutedRange> {
  const { data, ready } = workerSetup();
  const { contract } = await ready;
  const source =
    task.range === undefined ? fileLineSource(task.path) : fileRangeSource(task.path, task.range.start, task.range.end);
  let store: FsSpillStore | undefined;
  const writer = new PartitionWriter(
    [source],
    contract,
    data.format,
    {
      partitions: task.partitions,
      memoryBudgetBytes: task.memoryBudgetBytes,
      ...(task.shard === undefined ? {} : { shard: task.shard }),
      ...(task.sample === undefined ? {} : { sample: task.sample }),
    },
    async () => {
      store = await createFsSpillStore();
      return store;
    },
  );
  try {
    await writer.route((lines) => task.progress.postMessage(lines));
    await writer.spillAll();
  } catch (error) {
    await writer.dispose();
    throw error;
  } finally {
    task.progress.close();
  }
  const routed = store as FsSpillStore | undefined;
  return {
    ...(routed === undefined ? {} : { dir: routed.dir }),
    partitions: routed?.detach() ?? [],
    lines: writer.lines,
    skipped: writer.skipped,
    sampledOut: writer.sampledOut,
    ...(writer.sourceErrors[0] === undefined ? {} : { error: writer.sourceErrors[0].message }),
  };
}

/** Runs stage two of a replay on one partition inside a worker thread (see `partition-worker.js`). */
export async function runPartitionTask(ref: PartitionRef): Promise<PartitionTaskResult> {
  const { data, ready } = workerSetup();
  const ctx = await ready;
  const divergences: DivergenceExample[] = [];
  const builder = new ReportBuilder(
    ctx.contract,
    data.exampleLimit,
    data.collectDivergences ? (d) => divergences.push(d) : undefined,
  );
  const blocks: Buffer[] = [];
  for (const { dir, lineBase } of ref.ranges) {
    const block = readSpillFile(dir, ref.partition);
    if (block === undefined) continue;
    rebaseLines(block, lineBase);
    blocks.push(block);
  }
  await processPartition(blocks, { ...ctx, builder });
  return { state: builder.state, divergences };
}
