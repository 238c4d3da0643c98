/**
 * Issue 11's engine measurements: Lockstep with no feature code at all (both sides `logged`) against the raw ceiling
 * (bench/raw-ceiling.ts) on the same file, record-wise and entity-wise; peak RSS of the record-wise replay on a log
 * 5× longer; and the cost per line of a log whose every line carries a 19-digit id. Each script runs in its own child;
 * the rounds rotate (ceiling, record-wise, entity-wise, 19-digit ids, ceiling, …) and each figure is the median.
 * Ratios are by CPU time of the work (user + sys of the process, Node's start left out; each script reports it), with
 * wall time beside them. Every script runs compiled, against the built package (bench/compiled-script.ts).
 */

import { ensureCardLog, ensureIdLog, rounds as roundsWanted, scaled } from './bench-data.ts';
import { compiledScript } from './compiled-script.ts';
import { type ChildCommand, type ChildRun, type Medians, medianOf, medians, rotate } from './measure-child.ts';

const REPLAY = 'bench/replay-in-process.ts';
const IN_PROCESS_CONFIG = 'examples/card-fraud/lockstep.in-process.config.ts';
const ENTITY_WISE_CONFIG = 'bench/engine-entitywise.config.ts';

/** One measured command: the whole child's medians and the medians of the work alone. */
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

/** A bench script, compiled and run under plain node against the built package (see compiled-script.ts). */
const script = (script: string, ...args: string[]): ChildCommand => ({
  command: process.execPath,
  args: [compiledScript(script), ...args],
});

function row(runs: readonly ChildRun[]): EngineRow {
  return {
    ...medians(runs),
    records: medianOf(runs, 'records'),
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
      recordWise: script(REPLAY, log, IN_PROCESS_CONFIG, '1', 'logged'),
      entityWise: script(REPLAY, log, ENTITY_WISE_CONFIG, '1'),
      withId: script(REPLAY, idLog, IN_PROCESS_CONFIG, '1', 'logged'),
    },
    onRun,
  );
  // Peak RSS at 5× the records: one round (no CPU ratio rests on it; peak RSS varies by a few MB between runs, and a
  // round costs as much as the four commands above together).
  const big = await rotate(1, { recordWiseBig: script(REPLAY, bigLog, IN_PROCESS_CONFIG, '1', 'logged') }, onRun);
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
