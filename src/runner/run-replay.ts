import { resolve } from 'node:path';
import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import type { ContractBinding, SideSpec } from '../config/define-config.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { requireEntity } from '../contract/require-entity.ts';
import { SkewError } from '../errors.ts';
import { preferredBatchSize } from '../implementations/frame-batch-size.ts';
import type { SidePair } from '../implementations/side.ts';
import { createFsSpillStore } from '../io/fs-spill-store.ts';
import { checkNamedLogFields, type NamedLogFields } from '../io/log-fields-check.ts';
import { checkLogFile } from '../io/log-file-check.ts';
import { type LogFileFormat, logFileFormatOf } from '../io/log-file-format.ts';
import { checkLogContent, type LogSourceOptions, logLineSource, rowLogsNote } from '../io/log-source-for.ts';
import { bufferedOutputFile } from '../io/output-file.ts';
import { checkColumnarMaxRows } from '../replay/columnar/open-columnar.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';
import type { LineSource } from '../replay/ports.ts';
import {
  DEFAULT_MEMORY_BUDGET_BYTES,
  DEFAULT_PARTITION_BYTES,
  type ParallelStages,
  type ReplayOptions,
} from '../replay/replay.ts';
import type { DivergenceExample, LogLine, ReplayReport } from '../replay/replay-report.ts';
import type { Reporter, RunSummary } from '../report/reporter.ts';
import { calibratedReplay } from './aa-calibrate.ts';
import { classExplainer } from './explain-class.ts';
import { finishRunInfo, gatherRunInfo, type Invocation } from './gather-run-info.ts';
import {
  type HistorySession,
  type HistorySettings,
  historyFilePath,
  openHistory,
  shardHistory,
} from './history-session.ts';
import type { PartitionRef } from './partition-task.ts';
import { redactedExample, redactedReport } from './redactor-for.ts';
import { openReplayGate, type ReplayGateSession, type ReplayGateSettings } from './replay-gate.ts';
import { resolveSide } from './resolve-side.ts';
import { selectBindings } from './select-bindings.ts';
import { createWorkerStages } from './worker-stages.ts';

/** What `runReplay` takes: a loaded config plus the overrides a CLI user gave, and the gate's settings. @public */
export interface RunReplayOptions extends ReplayGateSettings, HistorySettings {
  readonly config: LoadedConfig;
  readonly cwd: string;
  readonly reporters: readonly Reporter[];
  /** Only the contract with this name. */
  readonly contract?: string;
  readonly training?: SideSpec;
  readonly serving?: SideSpec;
  /** Logs to replay instead of the config's (relative to `cwd`). */
  readonly logs?: readonly string[];
  /** How the logs are encoded (`--log-format`); by each log's name when omitted (.parquet, .csv, .csv.gz, else JSONL). */
  readonly logFileFormat?: LogFileFormat;
  readonly format?: Partial<LogFormat>;
  readonly batchSize?: number;
  /** Events an entity may have before it is refused, not replayed (`--max-entity-events`; see `ReplayOptions`). */
  readonly maxEntityEvents?: number;
  readonly concurrency?: number;
  /**
   * Worker threads for in-process sides; they run both stages. Default 1 (this thread): on 2 cores, 2 workers were
   * about 1.5x faster on 1M records but raised peak RSS from ~200 MB to ~370 MB (bench/results.md).
   */
  readonly workers?: number;
  readonly exampleLimit?: number;
  readonly shard?: { readonly index: number; readonly count: number };
  /**
   * Replay only this share of entities, in (0, 1] (`--sample`): chosen by a hash of each entity's key, so the same
   * entities on every run and machine, and consistent with `shard` (see `ReplayOptions.sample`). Default 1: all.
   */
  readonly sample?: number;
  /** Raw bytes per partition and bytes held before spilling to disk (see `ReplayOptions`). */
  readonly partitionBytes?: number;
  readonly memoryBudgetBytes?: number;
  /** With workers: the smallest byte range of a log one worker routes in stage one. Default 8 MiB. */
  readonly rangeBytes?: number;
  /** Side calls spent reducing the first record of each of the largest classes to a minimal input (0: none). Default 60. */
  readonly minimizeSteps?: number;
  /** Wall-clock cap of minimization over all classes of a contract, in seconds (default 60). */
  readonly minimizeSeconds?: number;
  /** Write every divergence, one JSON object per line, to this file. */
  readonly divergencesFile?: string;
  readonly now?: () => number;
  /** How the run was started (command line, wall clock), for the run info reports carry. */
  readonly invocation?: Invocation;
  /**
   * A/A calibration (`--aa`; else each contract's `aa` in the config): before the replay, each side runs against
   * itself, twice with fresh state, on the same records; features that differ from themselves are reported, and the
   * classes on them marked, as nondeterministic.
   */
  readonly aa?: boolean;
  /** @internal `lockstep check`'s history: its replay stage marks new classes here, and check appends once. */
  readonly historySession?: HistorySession;
}

function logPaths(binding: ContractBinding, options: RunReplayOptions): string[] {
  const paths =
    options.logs?.map((p) => resolve(options.cwd, p)) ?? binding.logs?.map((p) => resolve(options.config.root, p));
  if (paths === undefined || paths.length === 0) {
    throw new SkewError(
      'SKEW_CONFIG_INVALID',
      `runReplay: contract "${binding.contract.name}" has no logs; add logs: [...] to its config or pass --log <file>`,
    );
  }
  for (const path of paths) checkLogFile(path, 'runReplay', options.logFileFormat);
  return paths;
}

const FLAG_OF: Readonly<Record<keyof LogFormat, string>> = {
  timestampField: '--timestamp-field',
  inputField: '--input-field',
  servedField: '--served-field',
  entityField: '--entity-field',
  idField: '--id-field',
};

/** The log fields named by flag (which win) or by the contract's `format` in the config, and by which. */
function namedFields(binding: ContractBinding, options: RunReplayOptions): NamedLogFields {
  const fields: Partial<Record<keyof LogFormat, string>> = {};
  const namedBy: Partial<Record<keyof LogFormat, string>> = {};
  const sources = [
    [
      binding.format,
      (k: keyof LogFormat) => `format.${k} of contract "${binding.contract.name}" in ${options.config.path}`,
    ],
    [options.format, (k: keyof LogFormat) => FLAG_OF[k]],
  ] as const;
  for (const [format, by] of sources) {
    for (const [k, v] of Object.entries(format ?? {}) as [keyof LogFormat, string | undefined][]) {
      if (typeof v !== 'string') continue;
      fields[k] = v;
      namedBy[k] = by(k);
    }
  }
  const inputField = options.format?.inputField ?? binding.format?.inputField ?? DEFAULT_LOG_FORMAT.inputField;
  return { fields, namedBy, inputField };
}

/** How a log of a contract is read: its format, the contract, and the field names (flags win over the config). */
function sourceOptions(binding: ContractBinding, options: RunReplayOptions): LogSourceOptions {
  return {
    contract: binding.contract,
    format: { ...binding.format, ...options.format },
    ...(options.logFileFormat === undefined ? {} : { fileFormat: options.logFileFormat }),
  };
}

/** Where the replay runs, and why not on the workers asked for when it cannot. */
function threadsNote(workers: number, parallel: boolean, sides: SidePair): string {
  if (parallel) return `${workers} worker threads`;
  if (workers <= 1) return 'this thread';
  const outside = (['training', 'serving'] as const).filter((n) => sides[n].location !== 'in-process');
  return `this thread: --workers runs in-process sides only, and ${outside.join(' and ')} ${outside.length > 1 ? 'run' : 'runs'} in ${outside.length > 1 ? 'their' : 'its'} own process (--concurrency sets how many)`;
}

/** Worker threads when asked for and both sides are in-process (so that a worker can rebuild them from the config). */
function chooseParallel(
  binding: ContractBinding,
  options: RunReplayOptions,
  sides: SidePair,
  sources: readonly LineSource[],
  collectDivergences: boolean,
): ParallelStages<PartitionRef> | undefined {
  const workers = options.workers ?? 1;
  if (sources.some((s) => logFileFormatOf(s.name, options.logFileFormat) !== 'jsonl')) return undefined;
  if (workers <= 1 || sides.training.location !== 'in-process' || sides.serving.location !== 'in-process')
    return undefined;
  return createWorkerStages({
    workers,
    sources,
    partitionBytes: options.partitionBytes ?? DEFAULT_PARTITION_BYTES,
    memoryBudgetBytes: options.memoryBudgetBytes ?? DEFAULT_MEMORY_BUDGET_BYTES,
    ...(options.rangeBytes === undefined ? {} : { minRangeBytes: options.rangeBytes }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.sample === undefined || options.sample >= 1 ? {} : { sample: options.sample }),
    sideDescriptions: { training: sides.training.description, serving: sides.serving.description },
    data: {
      configPath: options.config.path,
      cwd: options.cwd,
      contract: binding.contract.name,
      format: { ...DEFAULT_LOG_FORMAT, ...binding.format, ...options.format },
      batchSize: options.batchSize ?? binding.batchSize ?? 512,
      ...(options.maxEntityEvents === undefined ? {} : { maxEntityEvents: options.maxEntityEvents }),
      exampleLimit: options.exampleLimit ?? 5,
      collectDivergences,
      ...(options.training === undefined ? {} : { training: options.training }),
      ...(options.serving === undefined ? {} : { serving: options.serving }),
    },
  });
}

async function replayBinding(
  binding: ContractBinding,
  logs: readonly string[],
  options: RunReplayOptions,
  gate: ReplayGateSession,
  history: HistorySession,
  sink?: (d: DivergenceExample, at: LogLine) => void,
): Promise<ReplayReport> {
  const name = binding.contract.name;
  const defaults = {
    root: options.config.root,
    contract: binding.contract,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
  };
  const sides = {
    training: await resolveSide(options.training ?? binding.training, defaults),
    serving: await resolveSide(options.serving ?? binding.serving, defaults),
  };
  // Before any worker thread starts: an entity-wise side needs the contract's (or the log's) entity.
  requireEntity(binding.contract, sides, 'runReplay', options.format?.entityField ?? binding.format?.entityField);
  const sources = logs.map((path) => logLineSource(path, sourceOptions(binding, options)));
  const contractInfo = { name, version: binding.contract.version };
  const parallel = chooseParallel(binding, options, sides, sources, sink !== undefined);
  for (const r of options.reporters) {
    await r.onContractStart?.({
      contract: contractInfo,
      sides: { training: sides.training.description, serving: sides.serving.description },
      sources: sources.map((s) => s.name),
      threads:
        rowLogsNote(logs, options.workers ?? 1, options.logFileFormat) ??
        threadsNote(options.workers ?? 1, parallel !== undefined, sides),
    });
  }
  const batchSize = options.batchSize ?? binding.batchSize ?? preferredBatchSize(sides);
  const replayOptions: ReplayOptions = {
    contract: binding.contract,
    sides,
    sources,
    spill: () => createFsSpillStore(),
    format: { ...binding.format, ...options.format },
    onProgress: (p) => {
      for (const r of options.reporters) r.onProgress?.({ ...p, contract: name });
    },
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(options.maxEntityEvents === undefined ? {} : { maxEntityEvents: options.maxEntityEvents }),
    ...(options.exampleLimit === undefined ? {} : { exampleLimit: options.exampleLimit }),
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.sample === undefined ? {} : { sample: options.sample }),
    ...(options.partitionBytes === undefined ? {} : { partitionBytes: options.partitionBytes }),
    ...(options.memoryBudgetBytes === undefined ? {} : { memoryBudgetBytes: options.memoryBudgetBytes }),
    ...(sink === undefined ? {} : { onDivergence: sink }),
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(parallel === undefined ? {} : { parallel }),
    // LOCKSTEP_ROW_PATH=1 replays a Parquet log through frame sides as JSON lines, to compare with the columnar path.
    ...(process.env.LOCKSTEP_ROW_PATH === '1' ? { columnar: false } : {}),
    // LOCKSTEP_COLUMNAR_MAX_ROWS: the most rows the columnar path holds in memory; a longer log is read in parts.
    ...columnarMaxRowsFromEnv(process.env.LOCKSTEP_COLUMNAR_MAX_ROWS),
    // Minimization on factories of its own may run while the replay reads on (a stateful instance could not).
    explainEarly:
      options.training === undefined &&
      options.serving === undefined &&
      typeof binding.fuzz?.training === 'function' &&
      typeof binding.fuzz?.serving === 'function',
    explain: classExplainer(
      binding,
      { training: options.training !== undefined, serving: options.serving !== undefined },
      options.minimizeSteps ?? 60,
      { maxMs: (options.minimizeSeconds ?? 60) * 1000 },
    ),
  };
  // Classes new since the contract's last recorded run are marked before any reporter sees the report.
  const report = history.mark(
    await calibratedReplay(binding, options, defaults, replayOptions, () =>
      logs.map((path) => logLineSource(path, sourceOptions(binding, options))),
    ).then(redactedReport(binding)),
  );
  const verdict = await gate.contractDone(report);
  for (const r of options.reporters) await r.onContractEnd?.(report, verdict);
  return report;
}

/**
 * Replays every contract of a config (or the one selected) and tells the reporters. The same function the CLI calls.
 * @remarks Since 0.1
 * @public
 */
export async function runReplay(options: RunReplayOptions): Promise<RunSummary> {
  const now = options.now ?? (() => 0);
  const started = now();
  const bindings = selectBindings(options.config, options.contract, 'runReplay');
  // Every log of every contract is checked before any side starts: a bad path or format is a usage error (exit 2).
  const logs = bindings.map((b) => logPaths(b, options));
  for (const [i, b] of bindings.entries()) {
    for (const path of logs[i] ?? []) {
      await checkLogContent(path, 'runReplay', options.logFileFormat);
      await checkNamedLogFields(path, namedFields(b, options), logLineSource(path, sourceOptions(b, options)));
    }
  }
  const gate = await openReplayGate(bindings, options, options.cwd);
  // A single shard keeps no history (its summary says so): `lockstep merge` of the shards records the run, once.
  const historyPath = () => historyFilePath(options.history, options.cwd, options.config);
  const history =
    options.historySession ??
    (options.shard === undefined
      ? await openHistory(historyPath(), options.cwd)
      : shardHistory(historyPath(), options.cwd, options.shard));
  const out =
    options.divergencesFile === undefined
      ? undefined
      : bufferedOutputFile(resolve(options.cwd, options.divergencesFile), '--divergences');
  const run = await gatherRunInfo('replay', {
    config: options.config,
    cwd: options.cwd,
    bindings,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    ...(options.invocation === undefined ? {} : { invocation: options.invocation }),
  });
  for (const r of options.reporters) await r.onRunStart?.({ contracts: bindings.map((b) => b.contract.name), run });
  const reports: ReplayReport[] = [];
  let replayed = false;
  try {
    for (const [i, binding] of bindings.entries()) {
      const shown = redactedExample(binding);
      const sink =
        out === undefined
          ? undefined
          : (d: DivergenceExample, at: LogLine) =>
              out.write(
                `${stringifyLosslessJson({ contract: binding.contract.name, log: at.log, logLine: at.line, ...shown(d) })}\n`,
              );
      reports.push(await replayBinding(binding, logs[i] ?? [], options, gate, history, sink));
    }
    replayed = true;
  } finally {
    // A failed write of the divergences is the run's error; a replay that failed first keeps its own.
    if (replayed) out?.close();
    else {
      try {
        out?.close();
      } catch {
        // the replay's own error is the one to report
      }
    }
  }
  const finished = finishRunInfo(run, options.invocation);
  const summary: RunSummary = {
    reports,
    verdict: gate.verdict(reports),
    ...(gate.written.length === 0 ? {} : { accepted: gate.written }),
    durationMs: now() - started,
    run: finished,
    ...(options.historySession === undefined ? await history.finish(reports, finished) : {}),
  };
  for (const r of options.reporters) await r.onRunEnd?.(summary);
  return summary;
}

/** LOCKSTEP_COLUMNAR_MAX_ROWS, when set: a whole number of rows, else a usage error naming it (exit 2). */
function columnarMaxRowsFromEnv(value: string | undefined): { columnarMaxRows?: number } {
  if (value === undefined || value.trim() === '') return {};
  const rows = /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return { columnarMaxRows: checkColumnarMaxRows(rows, 'LOCKSTEP_COLUMNAR_MAX_ROWS') };
}
