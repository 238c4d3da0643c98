import { workerData } from 'node:worker_threads';
import { compileComparator } from '../compare/compare-features.ts';
import type { SideSpec } from '../config/define-config.ts';
import { loadConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import type { SidePair } from '../implementations/side.ts';
import type { LogFormat } from '../replay/log-format.ts';
import { type PartitionContext, processPartition } from '../replay/process-partition.ts';
import type { DivergenceExample } from '../replay/replay-report.ts';
import { ReportBuilder } from '../replay/report-builder.ts';
import type { ReportState } from '../replay/report-state.ts';
import { resolveSide } from './resolve-side.ts';

/** What every partition worker is started with: enough to rebuild the contract and its sides from the config. */
export interface PartitionWorkerData {
  readonly configPath: string;
  readonly cwd: string;
  readonly contract: string;
  readonly training?: SideSpec;
  readonly serving?: SideSpec;
  readonly format: LogFormat;
  readonly batchSize: number;
  readonly exampleLimit: number;
  readonly collectDivergences: boolean;
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
  return { contract, sides, format: data.format, compare: compileComparator(contract), batchSize: data.batchSize };
}

/** Runs stage two of a replay on one partition inside a worker thread (see `partition-worker.js`). */
export async function runPartitionTask(blocks: readonly Uint8Array[]): Promise<PartitionTaskResult> {
  // tinypool passes [its own data, ours]
  const data = (workerData as [unknown, PartitionWorkerData])[1];
  setup ??= prepare(data);
  const ctx = await setup;
  const divergences: DivergenceExample[] = [];
  const builder = new ReportBuilder(
    ctx.contract,
    data.exampleLimit,
    data.collectDivergences ? (d) => divergences.push(d) : undefined,
  );
  const buffers = blocks.map((b) => Buffer.from(b.buffer, b.byteOffset, b.byteLength));
  await processPartition(buffers, { ...ctx, builder });
  return { state: builder.state, divergences };
}
