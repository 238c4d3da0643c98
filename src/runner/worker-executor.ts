import Tinypool from 'tinypool';
import type { SideName } from '../compare/divergence.ts';
import type { PartitionExecutor } from '../replay/replay.ts';
import type { DivergenceExample } from '../replay/replay-report.ts';
import type { ReportState } from '../replay/report-state.ts';
import type { PartitionTaskResult, PartitionWorkerData } from './partition-task.ts';

/**
 * Runs replay partitions on a pool of worker threads (tinypool), each of which rebuilds the contract's in-process
 * sides from the config file. Partition reports come back as plain data and are merged in the main thread.
 */
export function createWorkerExecutor(options: {
  readonly workers: number;
  readonly data: PartitionWorkerData;
  readonly sideDescriptions: Readonly<Record<SideName, string>>;
  readonly onDivergence?: (d: DivergenceExample) => void;
}): PartitionExecutor {
  const pool = new Tinypool({
    filename: new URL('./partition-worker.js', import.meta.url).href,
    minThreads: options.workers,
    maxThreads: options.workers,
    workerData: options.data,
    idleTimeout: 60_000,
    // A partition needs tens of MiB; a tight old generation makes each worker collect instead of growing. The young
    // generation keeps V8's default: capping it made every worker promote and collect far more (60% more CPU).
    resourceLimits: { maxOldGenerationSizeMb: 160 },
  });
  return {
    sideDescriptions: options.sideDescriptions,
    parallelism: options.workers,
    async run(blocks: readonly Buffer[]): Promise<ReportState> {
      // Copy first: the blocks may be reused (spill read buffer, block pool) before a busy pool posts the task. Each
      // copy owns its memory, so it is moved to the worker rather than cloned a second time.
      const copies = blocks.map((b) => new Uint8Array(b));
      const result = (await pool.run(copies, { transferList: copies.map((c) => c.buffer) })) as PartitionTaskResult;
      if (options.onDivergence !== undefined) for (const d of result.divergences) options.onDivergence(d);
      return result.state;
    },
    async close(): Promise<void> {
      await pool.destroy();
    },
  };
}
