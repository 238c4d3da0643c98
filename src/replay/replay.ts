import { compileComparator } from '../compare/compare-features.ts';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { errorMessage, type Side, type SideOutcome, type SidePair, type SideRecord } from '../implementations/side.ts';
import { decodeRecord, isInvalid } from './decode-record.ts';
import { entityBatches } from './entity-batches.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from './log-format.ts';
import { Partitioner } from './partitioner.ts';
import type { LineSource, SpillStore } from './ports.ts';
import type { DivergenceExample, ReplayReport } from './replay-report.ts';
import { ReportBuilder } from './report-builder.ts';

/** Progress of a running replay, for progress bars. @public */
export interface ReplayProgress {
  readonly phase: 'partition' | 'compare';
  /** Lines read so far (partition phase) or records processed (compare phase). */
  readonly done: number;
  readonly total?: number;
}

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
  /** Examples kept per feature and per invalid reason. Default 5. */
  readonly exampleLimit?: number;
  /** Raw bytes per partition. Default 16 MiB. */
  readonly partitionBytes?: number;
  /** Raw bytes buffered before spilling to disk. Default 48 MiB. */
  readonly memoryBudgetBytes?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly onProgress?: (progress: ReplayProgress) => void;
  /** Called for every divergence (including side errors), e.g. to write them all to a file. */
  readonly onDivergence?: (divergence: DivergenceExample) => void;
  /** Injected clock (milliseconds); the core never reads the time itself. */
  readonly now?: () => number;
}

async function mapWindow<T>(
  items: AsyncIterable<T> | Iterable<T>,
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

function drainDiagnostics(sides: SidePair, builder: ReportBuilder): void {
  for (const name of ['training', 'serving'] as const) {
    const found = sides[name].drainDiagnostics?.();
    if (found !== undefined && found.length > 0) builder.addDiagnostics(name, found);
  }
}

/** Runs one side on a batch; a side that throws or answers malformed fails those records, not the run. */
async function computeSafely(side: Side, name: string, batch: readonly SideRecord[]): Promise<readonly SideOutcome[]> {
  let outcomes: readonly SideOutcome[];
  try {
    outcomes = await side.compute(batch);
  } catch (error) {
    if (error instanceof SkewError && error.code === 'SKEW_IMPL_START') throw error;
    const message = errorMessage(error);
    return batch.map(() => ({ error: message }));
  }
  if (outcomes.length !== batch.length) {
    throw new SkewError(
      'SKEW_INTERNAL',
      `replayContract: the ${name} side returned ${outcomes.length} outcomes for a batch of ${batch.length}`,
    );
  }
  return outcomes.map((o) => {
    if (!('features' in o)) return o;
    const f: unknown = o.features;
    if (f !== null && typeof f === 'object' && !Array.isArray(f)) return o;
    const got = f === null ? 'null' : Array.isArray(f) ? 'an array' : typeof f;
    return {
      error: `returned ${got} instead of an object of features`,
      ...(o.latencyMs === undefined ? {} : { latencyMs: o.latencyMs }),
    };
  });
}

/**
 * Replays logged records through the training and serving sides of a contract and reports every divergence.
 * Every line is accounted for: `compared + invalid + errored = read`.
 * @remarks Since 0.1
 * @public
 */
export async function replayContract(options: ReplayOptions): Promise<ReplayReport> {
  const { contract, sides, sources } = options;
  const now = options.now ?? (() => 0);
  const started = now();
  const format: LogFormat = { ...DEFAULT_LOG_FORMAT, ...options.format };
  const batchSize = options.batchSize ?? 512;
  const partitionBytes = options.partitionBytes ?? 16 << 20;
  const knownSize = sources.every((s) => s.sizeHint !== undefined);
  const totalSize = sources.reduce((sum, s) => sum + (s.sizeHint ?? 0), 0);
  const partitions = knownSize ? Math.max(1, Math.ceil(totalSize / partitionBytes)) : 64;
  const compare = compileComparator(contract);
  const builder = new ReportBuilder(contract, options.exampleLimit ?? 5, options.onDivergence);
  const partitioner = new Partitioner(
    contract,
    format,
    {
      partitions,
      memoryBudgetBytes: options.memoryBudgetBytes ?? 48 << 20,
      ...(options.shard ? { shard: options.shard } : {}),
    },
    options.spill,
  );
  const inFlight = Math.max(sides.training.inFlight ?? 1, sides.serving.inFlight ?? 1);
  let read = 0;
  let processed = 0;
  try {
    await Promise.all([sides.training.start?.(), sides.serving.start?.()]);
    await partitioner.route(sources, (n) => {
      read += n;
      options.onProgress?.({ phase: 'partition', done: read });
    });
    for await (const rawLines of partitioner.partitions()) {
      const records: SideRecord[] = [];
      for (const raw of rawLines) {
        const decoded = decodeRecord(raw, contract, format);
        if (isInvalid(decoded)) builder.addInvalid(decoded);
        else records.push(decoded);
      }
      processed += rawLines.length - records.length;
      await mapWindow(entityBatches(records, batchSize), inFlight, async (batch) => {
        const [t, s] = await Promise.all([
          computeSafely(sides.training, 'training', batch),
          computeSafely(sides.serving, 'serving', batch),
        ]);
        for (let i = 0; i < batch.length; i++) {
          const to = t[i] as SideOutcome;
          const so = s[i] as SideOutcome;
          const divergences =
            'features' in to && 'features' in so ? compare(to.features, so.features, builder.observe) : [];
          builder.addRecord(batch[i] as SideRecord, to, so, divergences);
        }
        processed += batch.length;
        drainDiagnostics(sides, builder);
        options.onProgress?.({ phase: 'compare', done: processed, total: read - partitioner.skipped });
      });
    }
    drainDiagnostics(sides, builder);
  } finally {
    await Promise.allSettled([sides.training.close?.(), sides.serving.close?.(), partitioner.dispose()]);
  }
  return builder.build({ sources: sources.map((s) => s.name), sides, durationMs: now() - started });
}
