/**
 * Issue 11's pandas workload: one Parquet table of e-commerce transactions (bench/pandas/generate.py), the same
 * offline and online pandas feature functions, checked by three tools in rotation — SkewSentry (from PyPI, in the
 * project's virtual environment), a hand-written pandas join-and-compare (the floor) and Lockstep (both sides pandas
 * frame sides, the Parquet file as its log). Each tool prints its mismatch count per feature; the three must agree,
 * or the benchmark is invalid and throws.
 */
import { existsSync } from 'node:fs';
import { ensureEcommerceJsonl, ensureEcommerceParquet, python, rounds as roundsWanted, scaled } from './bench-data.ts';
import { type CliReplayOptions, cliReplay } from './cli-replay.ts';
import { type ChildCommand, type ChildRun, type Medians, medianOf, medians, rotate } from './measure-child.ts';

/** What a tool found: rows compared and mismatches per feature. */
export interface ToolFindings {
  readonly rows: number;
  readonly missing: number;
  readonly mismatches: Readonly<Record<string, number>>;
}

/** One tool's medians and findings. */
export interface ToolRow extends Medians {
  readonly tool: string;
  readonly findings: ToolFindings;
  /** Lockstep only: the CPU of its own (Node) process; the rest of its tree's CPU is the Python sides'. */
  readonly ownCpuSeconds?: number;
}

/** Everything the pandas section reports. */
export interface PandasBench {
  readonly parquet: string;
  readonly rows: number;
  readonly rounds: number;
  readonly tools: readonly ToolRow[];
  /** Why Lockstep was not measured, when it was not. */
  readonly lockstepMissing?: string;
  /** Lockstep wall ÷ SkewSentry wall, and Lockstep CPU ÷ floor CPU; absent when Lockstep was not measured. */
  readonly wallVsSkewSentry?: number;
  readonly cpuVsFloor?: number;
  /** Lockstep's columnar path ÷ its row path (`LOCKSTEP_ROW_PATH=1`) on the same run, by CPU and by wall. */
  readonly columnarVsRowsCpu?: number;
  readonly columnarVsRowsWall?: number;
  /** Lockstep reading the log in parts (`lockstep-parts`) ÷ holding it whole, by CPU and by peak RSS of its process. */
  readonly partsVsWholeCpu?: number;
  readonly partsVsWholeRss?: number;
  /** Lockstep on the same rows as JSON lines (`lockstep-jsonl`, read column by column too) ÷ on the Parquet log. */
  readonly jsonlVsParquetCpu?: number;
  readonly jsonlVsParquetWall?: number;
}

const LOCKSTEP_CONFIG = 'bench/pandas/lockstep.config.ts';

/** Why Lockstep's pandas run cannot be measured in this checkout, or undefined when it can. */
export function lockstepPandasMissing(): string | undefined {
  const needed = ['src/implementations/frame-side.ts', 'src/io/parquet-line-source.ts', LOCKSTEP_CONFIG];
  const absent = needed.filter((p) => !existsSync(p));
  return absent.length === 0 ? undefined : `frame sides/Parquet logs not available (missing ${absent.join(', ')})`;
}

/** `lockstep replay` itself on the log (minimization off: the other tools have none). */
function lockstepCommand(log: string, options: CliReplayOptions): ChildCommand {
  return { ...cliReplay(LOCKSTEP_CONFIG, log, ['--minimize-steps', '0'], options), exitCodes: [0, 1] };
}

/** The three tools' commands on one Parquet file (Lockstep's only when it can run). */
export function pandasCommands(parquet: string, options: CliReplayOptions = {}): Record<string, ChildCommand> {
  const commands: Record<string, ChildCommand> = {
    skewsentry: { command: python(), args: ['bench/pandas/skewsentry_run.py', parquet] },
    floor: { command: python(), args: ['bench/pandas/floor.py', parquet] },
  };
  if (lockstepPandasMissing() === undefined) {
    commands.lockstep = lockstepCommand(parquet, options);
  }
  return commands;
}

/**
 * Lockstep's run forced through the row path (JSON lines to the sides), for context beside the columnar path: measured
 * once, after the rotation (no target rests on it, and a round of it costs as much as the three tools together).
 */
export function rowPathCommand(parquet: string, options: CliReplayOptions = {}): Record<string, ChildCommand> {
  if (lockstepPandasMissing() !== undefined) return {};
  return {
    'lockstep-rows': lockstepCommand(parquet, { ...options, env: { ...options.env, LOCKSTEP_ROW_PATH: '1' } }),
  };
}

/** Parts of whole entities the `lockstep-parts` run reads the log in. */
export const PARTS = 4;

/**
 * Lockstep's run reading the log in parts of whole entities (`LOCKSTEP_COLUMNAR_MAX_ROWS` a quarter of its rows), as it
 * reads a log four times the rows it holds in memory: what the parts cost and save, measured once after the rotation.
 */
export function partsCommand(
  parquet: string,
  rows: number,
  options: CliReplayOptions = {},
): Record<string, ChildCommand> {
  if (lockstepPandasMissing() !== undefined) return {};
  const env = { ...options.env, LOCKSTEP_COLUMNAR_MAX_ROWS: String(Math.ceil(rows / PARTS)) };
  return { 'lockstep-parts': lockstepCommand(parquet, { ...options, env }) };
}

/**
 * Lockstep's run on the same rows written as JSON lines (bench/pandas/to_jsonl.py), which it also reads column by
 * column: what the text format costs beside Parquet, measured once after the rotation.
 */
export function jsonlCommand(jsonl: string, options: CliReplayOptions = {}): Record<string, ChildCommand> {
  if (lockstepPandasMissing() !== undefined) return {};
  return { 'lockstep-jsonl': lockstepCommand(jsonl, options) };
}

interface JsonReport {
  readonly reports: readonly {
    readonly counts: { readonly read: number; readonly compared: number };
    readonly features: readonly { readonly feature: string; readonly diverged: number }[];
  }[];
}

/** The findings a tool's result line reports, or Lockstep's JSON report (`file`, see cli-replay.ts). */
export function findingsOf(run: ChildRun): ToolFindings {
  const report = (run.result.file as JsonReport | undefined)?.reports[0];
  if (report !== undefined) {
    const { counts, features } = report;
    const mismatches = Object.fromEntries(features.map((f) => [f.feature, f.diverged]));
    return { rows: counts.compared, missing: counts.read - counts.compared, mismatches };
  }
  const { rows, missing, mismatches } = run.result as unknown as ToolFindings;
  return { rows, missing, mismatches };
}

/**
 * Throws unless every tool compared the same rows and found the same mismatches per feature: a benchmark where the
 * tools disagree on the answer measures nothing. Returns the agreed findings.
 */
export function assertAgreement(findings: Readonly<Record<string, ToolFindings>>): ToolFindings {
  const entries = Object.entries(findings);
  const [first, ...rest] = entries;
  if (first === undefined) throw new Error('bench: no tool ran');
  const key = (f: ToolFindings): string =>
    JSON.stringify({ rows: f.rows, missing: f.missing, mismatches: Object.entries(f.mismatches).sort() });
  const disagree = rest.filter(([, f]) => key(f) !== key(first[1]));
  if (disagree.length > 0) {
    const lines = entries.map(([tool, f]) => `  ${tool}: ${key(f)}`).join('\n');
    throw new Error(`bench: the tools disagree on the pandas workload, so the benchmark is invalid:\n${lines}`);
  }
  return first[1];
}

/**
 * Runs the pandas section.
 * @param onRun - called after every child, for progress on stderr
 */
export async function benchPandas(onRun?: (name: string, round: number, run: ChildRun) => void): Promise<PandasBench> {
  const rows = scaled(1_000_000);
  const parquet = ensureEcommerceParquet(rows);
  const rounds = roundsWanted();
  const runs = {
    ...(await rotate(rounds, pandasCommands(parquet), onRun)),
    ...(await rotate(1, rowPathCommand(parquet), onRun)),
    ...(await rotate(1, partsCommand(parquet, rows), onRun)),
    ...(await rotate(1, jsonlCommand(ensureEcommerceJsonl(parquet)), onRun)),
  };
  const tools = Object.entries(runs).map(([tool, r]): ToolRow => {
    const findings = r.map(findingsOf);
    // Every round of a tool finds the same (the workload is deterministic); the first stands for all.
    assertAgreement(Object.fromEntries(findings.map((f, i) => [`${tool} round ${i + 1}`, f])));
    // Lockstep's own process (bench/cli-probe.mjs); the rest of its tree's CPU is the Python sides'.
    const own = r.every((run) => run.result.file !== undefined);
    return {
      tool,
      ...medians(r),
      findings: findings[0] as ToolFindings,
      ...(own ? { ownCpuSeconds: medianOf(r, 'cpuSeconds') } : {}),
    };
  });
  assertAgreement(Object.fromEntries(tools.map((t) => [t.tool, t.findings])));
  const find = (tool: string): ToolRow | undefined => tools.find((t) => t.tool === tool);
  const [lockstep, skewsentry, floor] = [find('lockstep'), find('skewsentry'), find('floor')];
  const rowPath = find('lockstep-rows');
  const parts = find('lockstep-parts');
  const jsonl = find('lockstep-jsonl');
  const missing = lockstepPandasMissing();
  return {
    parquet,
    rows,
    rounds,
    tools,
    ...(missing === undefined ? {} : { lockstepMissing: missing }),
    ...(lockstep === undefined || skewsentry === undefined || floor === undefined
      ? {}
      : {
          wallVsSkewSentry: lockstep.wallSeconds / skewsentry.wallSeconds,
          cpuVsFloor: lockstep.cpuSeconds / floor.cpuSeconds,
        }),
    ...(lockstep === undefined || rowPath === undefined
      ? {}
      : {
          columnarVsRowsCpu: lockstep.cpuSeconds / rowPath.cpuSeconds,
          columnarVsRowsWall: lockstep.wallSeconds / rowPath.wallSeconds,
        }),
    ...(lockstep === undefined || parts === undefined
      ? {}
      : {
          partsVsWholeCpu: parts.cpuSeconds / lockstep.cpuSeconds,
          partsVsWholeRss: parts.maxRssMB / lockstep.maxRssMB,
        }),
    ...(lockstep === undefined || jsonl === undefined
      ? {}
      : {
          jsonlVsParquetCpu: jsonl.cpuSeconds / lockstep.cpuSeconds,
          jsonlVsParquetWall: jsonl.wallSeconds / lockstep.wallSeconds,
        }),
  };
}
