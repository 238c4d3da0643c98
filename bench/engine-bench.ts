/**
 * Issue 11's engine measurements: Lockstep with no feature code at all (both sides `logged`) against the raw ceiling
 * (bench/raw-ceiling.ts) on the same file, record-wise and entity-wise; peak RSS of the record-wise replay on a log
 * 5× longer; and the cost per line of a log whose every line carries a 19-digit id. Each script runs in its own child;
 * the rounds rotate (ceiling, record-wise, entity-wise, 19-digit ids, ceiling, …) and each figure is the median.
 * Ratios are by CPU time of the work (user + sys, measured inside each process), with wall time beside them. Each
 * replay is the built `lockstep replay` command (bench/cli-replay.ts); the ceiling is a script compiled with esbuild.
 */

import { ensureCardLog, ensureIdLog, rounds as roundsWanted, scaled } from './bench-data.ts';
import { type CliReplayOptions, cliReplay } from './cli-replay.ts';
import { compiledScript } from './compiled-script.ts';
import { type ChildCommand, type ChildRun, type Medians, median, medianOf, medians, rotate } from './measure-child.ts';

const IN_PROCESS_CONFIG = 'examples/card-fraud/lockstep.in-process.config.ts';
/** The engine alone, entity-wise: the training side declares itself entity-wise. */
export const ENTITY_WISE_CONFIG = 'bench/engine-entitywise.config.ts';

/** One measured command: the whole child's medians and the medians of the work measured inside it. */
export interface EngineRow extends Medians {
  readonly records: number;
  readonly workCpuSeconds: number;
  readonly workWallSeconds: number;
}

/** Everything the engine section reports. */
export interface EngineBench {
  readonly log: string;
  readonly bigLog: string;
  readonly records: number;
  readonly bigRecords: number;
  readonly rounds: number;
  readonly raw: EngineRow;
  readonly recordWise: EngineRow;
  readonly entityWise: EngineRow;
  readonly withId: EngineRow;
  readonly recordWiseBig: EngineRow;
  /** Ceiling CPU ÷ engine CPU: the engine's throughput as a fraction of the ceiling's. */
  readonly recordWiseRatio: number;
  readonly entityWiseRatio: number;
  readonly recordWiseWallRatio: number;
  readonly entityWiseWallRatio: number;
  /** CPU per line with the 19-digit id ÷ CPU per line without it. */
  readonly int64CostRatio: number;
  readonly int64WallRatio: number;
}

/** A bench script, compiled and run under plain node (see compiled-script.ts). */
const script = (script: string, ...args: string[]): ChildCommand => ({
  command: process.execPath,
  args: [compiledScript(script), ...args],
});

/**
 * `lockstep replay` itself (the built CLI) with no feature code: both sides read the served features from the log
 * (the entity-wise config declares them; the card-fraud config's sides are replaced by `logged`).
 */
export function loggedReplay(log: string, config = IN_PROCESS_CONFIG, options: CliReplayOptions = {}): ChildCommand {
  const sides = config === IN_PROCESS_CONFIG ? ['--training', 'logged', '--serving', 'logged'] : [];
  return cliReplay(config, log, sides, options);
}

/** Records read, from the run's JSON report (a CLI run) or its result line (a script). */
export function recordsOf(run: ChildRun): number {
  const report = run.result.file as { reports?: { counts: { read: number } }[] } | undefined;
  return report?.reports?.[0]?.counts.read ?? (run.result.records as number);
}

function row(runs: readonly ChildRun[]): EngineRow {
  return {
    ...medians(runs),
    records: median(runs.map(recordsOf)),
    workCpuSeconds: medianOf(runs, 'cpuSeconds'),
    workWallSeconds: medianOf(runs, 'seconds'),
  };
}

/**
 * Runs the engine section.
 * @param onRun - called after every child, for progress on stderr
 */
export async function benchEngine(onRun?: (name: string, round: number, run: ChildRun) => void): Promise<EngineBench> {
  const records = scaled(1_000_000);
  const bigRecords = scaled(5_000_000);
  const log = ensureCardLog(records);
  const bigLog = ensureCardLog(bigRecords);
  const idLog = await ensureIdLog(log);
  const rounds = roundsWanted();
  const runs = await rotate(
    rounds,
    {
      raw: script('bench/raw-ceiling.ts', log),
      recordWise: loggedReplay(log),
      entityWise: loggedReplay(log, ENTITY_WISE_CONFIG),
      withId: loggedReplay(idLog),
    },
    onRun,
  );
  // Peak RSS at 5× the records: one round (no CPU ratio rests on it; peak RSS varies by a few MB between runs, and a
  // round costs as much as the four commands above together).
  const big = await rotate(1, { recordWiseBig: loggedReplay(bigLog) }, onRun);
  const result = {
    raw: row(runs.raw),
    recordWise: row(runs.recordWise),
    entityWise: row(runs.entityWise),
    withId: row(runs.withId),
    recordWiseBig: row(big.recordWiseBig),
  };
  // A fast wrong answer is no answer: every run must account for every line of its log.
  for (const [name, r] of Object.entries(result)) {
    const expected = name === 'recordWiseBig' ? bigRecords : records;
    if (r.records !== expected) throw new Error(`bench: ${name} read ${r.records} of ${expected} records`);
  }
  return {
    log,
    bigLog,
    records,
    bigRecords,
    rounds,
    ...result,
    recordWiseRatio: result.raw.workCpuSeconds / result.recordWise.workCpuSeconds,
    entityWiseRatio: result.raw.workCpuSeconds / result.entityWise.workCpuSeconds,
    recordWiseWallRatio: result.raw.workWallSeconds / result.recordWise.workWallSeconds,
    entityWiseWallRatio: result.raw.workWallSeconds / result.entityWise.workWallSeconds,
    int64CostRatio: result.withId.workCpuSeconds / result.recordWise.workCpuSeconds,
    int64WallRatio: result.withId.workWallSeconds / result.recordWise.workWallSeconds,
  };
}
