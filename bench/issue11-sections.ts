/**
 * The sections of `npm run bench` for issue 11 (`engine`, `pandas`, `transport`; `issue11` runs all three): each runs
 * its measurements, writes its part of bench/results.md through `log`, and sets its keys of bench/results.json.
 */
import { existsSync } from 'node:fs';
import type { ArrowTransportBench } from './arrow-transport-bench.ts';
import { rounds as roundsWanted, scaled } from './bench-data.ts';
import { benchEngine, type EngineRow } from './engine-bench.ts';
import { type ChildRun, median, rotate } from './measure-child.ts';
import { benchPandas, PARTS } from './pandas-bench.ts';

type Log = (line?: string) => void;
type Json = Record<string, unknown>;

const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
const s2 = (n: number): string => n.toFixed(2);
const mb = (n: number): string => `${n.toFixed(0)} MB`;
const met = (ok: boolean): string => (ok ? 'met' : 'NOT met');

/** One line on stderr per child measured, so a long run shows where it is. */
function progress(name: string, round: number, run: ChildRun): void {
  process.stderr.write(
    `  ${name} round ${round + 1}: wall ${s2(run.wallSeconds)} s, CPU ${s2(run.cpuSeconds)} s, peak ${mb(run.maxRssMB)}\n`,
  );
}

function engineRow(name: string, r: EngineRow): string {
  return `| ${name} | ${fmt(r.records / r.workCpuSeconds)} | ${s2(r.workCpuSeconds)} | ${s2(r.workWallSeconds)} | ${s2(r.cpuSeconds)} | ${s2(r.wallSeconds)} | ${mb(r.maxRssMB)} |`;
}

/** Engine alone vs the raw ceiling, record-wise and entity-wise; RSS at 1M and 5M records; 19-digit ids. */
export async function engineSection(log: Log, json: Json): Promise<void> {
  const e = await benchEngine(progress);
  log('## The engine alone against the raw ceiling (issue 11)');
  log();
  log(
    `Log: ${e.log}, ${fmt(e.records)} records (card-fraud example); the RSS row at ${fmt(e.bigRecords)} records uses ${e.bigLog}. Both sides \`logged\`: no feature code runs, so this is what Lockstep itself costs (read, decode, validate, compare 12 features, report). Median of ${e.rounds} rounds in rotation (ceiling, record-wise, entity-wise, 19-digit ids), each in its own process; the ${fmt(e.bigRecords)}-record run once, after them (it is there for its peak RSS). Each replay is the \`lockstep replay\` command as a user runs it (bench/cli-replay.ts): the built CLI under plain \`node\`, its TypeScript config loaded through tsx as a user's is, the JSON report written. "Work" is the CPU (user + sys, all threads) and wall time measured inside the process: for a replay from the process's start to its exit (bench/cli-probe.mjs), for the ceiling (a script compiled with esbuild) after its imports; "process" is the same run measured from outside.`,
  );
  log();
  log(
    '| measurement | records per CPU-second | work CPU s | work wall s | process CPU s | process wall s | peak RSS |',
  );
  log('|---|---:|---:|---:|---:|---:|---:|');
  log(engineRow('raw ceiling: stream the file, JSON.parse every line', e.raw));
  log(engineRow('engine alone, record-wise (log order, no partitions)', e.recordWise));
  log(engineRow('engine alone, entity-wise (training side declared entity-wise: partitioned)', e.entityWise));
  log(engineRow('engine alone, record-wise, a 19-digit `id` on every line', e.withId));
  log(engineRow(`engine alone, record-wise, ${fmt(e.bigRecords)} records`, e.recordWiseBig));
  log();
  log(
    `- record-wise / ceiling: **${s2(e.recordWiseRatio)}** by CPU (target >= 0.6: ${met(e.recordWiseRatio >= 0.6)}), ${s2(e.recordWiseWallRatio)} by wall`,
  );
  log(
    `- entity-wise / ceiling: **${s2(e.entityWiseRatio)}** by CPU (target >= 0.45: ${met(e.entityWiseRatio >= 0.45)}), ${s2(e.entityWiseWallRatio)} by wall`,
  );
  const [small, big] = [e.recordWise.maxRssMB, e.recordWiseBig.maxRssMB];
  log(
    `- peak RSS record-wise, ${fmt(e.records)} vs ${fmt(e.bigRecords)} records: **${mb(small)}** vs **${mb(big)}** (target <= 150 MB: ${met(Math.max(small, big) <= 150)}; within 10%: ${met(big <= small * 1.1)})`,
  );
  log(
    `- cost per line with a 19-digit id / without: **${s2(e.int64CostRatio)}x** by CPU (target <= 2: ${met(e.int64CostRatio <= 2)}), ${s2(e.int64WallRatio)}x by wall`,
  );
  log();
  json.engine = e;
  json.engine_recordwise_ratio = e.recordWiseRatio;
  json.engine_entitywise_ratio = e.entityWiseRatio;
  json.rss_recordwise_1m_mb = small;
  json.rss_recordwise_5m_mb = big;
  json.int64_cost_ratio = e.int64CostRatio;
}

/** SkewSentry, the hand-written floor and Lockstep on the same pandas workload. */
export async function pandasSection(log: Log, json: Json): Promise<void> {
  const p = await benchPandas(progress);
  log('## The pandas workload: Lockstep, SkewSentry and a hand-written script (issue 11)');
  log();
  log(
    `${fmt(p.rows)} e-commerce transactions (${p.parquet}, bench/pandas/generate.py), the 12 features of SkewSentry's e-commerce example per user over the user's history, an offline and an online function in vectorised pandas (bench/pandas/). Each tool reads the Parquet file, runs both functions and compares them by the same tolerances. Lockstep is the built \`lockstep replay\` command (bench/cli-replay.ts, minimization off). Median of ${p.rounds} rounds in rotation (SkewSentry, floor, Lockstep), and Lockstep's row path (\`lockstep-rows\`) and Lockstep reading the log in ${PARTS} parts of whole entities (\`lockstep-parts\`, \`LOCKSTEP_COLUMNAR_MAX_ROWS\` a quarter of the rows, as it reads a log ${PARTS} times the rows it holds in memory) and Lockstep on the same rows as JSON lines (\`lockstep-jsonl\`, bench/pandas/to_jsonl.py) once after them, for context; wall and CPU (user + sys) of the whole process tree, interpreter start included; memory is the largest process's peak and the peak of the tree's processes added up.`,
  );
  log();
  log(
    "| tool | wall s | CPU s | of which in Lockstep's own process | peak RSS (largest process) | peak RSS (process tree) |",
  );
  log('|---|---:|---:|---:|---:|---:|');
  for (const t of p.tools)
    log(
      `| ${t.tool} | ${s2(t.wallSeconds)} | ${s2(t.cpuSeconds)} | ${t.ownCpuSeconds === undefined ? '' : s2(t.ownCpuSeconds)} | ${mb(t.maxRssMB)} | ${mb(t.treeRssMB)} |`,
    );
  if (p.lockstepMissing !== undefined) log(`| lockstep | not measured: ${p.lockstepMissing} | | | | |`);
  log();
  const found = p.tools[0]?.findings;
  const nonZero = Object.entries(found?.mismatches ?? {}).filter(([, n]) => n > 0);
  log(
    `- the tools agree: ${p.tools.map((t) => t.tool).join(', ')} each compared ${fmt(found?.rows ?? 0)} rows and found ${nonZero.map(([f, n]) => `${f} ${fmt(n)}`).join(', ') || 'no mismatch'} (the planted differences: a 7-day count closed on both sides, a different fill for a missing country)`,
  );
  if (p.wallVsSkewSentry !== undefined && p.cpuVsFloor !== undefined) {
    log(
      `- Lockstep wall / SkewSentry wall: **${s2(p.wallVsSkewSentry)}** (target <= 1: ${met(p.wallVsSkewSentry <= 1)})`,
    );
    log(`- Lockstep CPU / floor CPU: **${s2(p.cpuVsFloor)}** (target <= 1.5: ${met(p.cpuVsFloor <= 1.5)})`);
    if (p.columnarVsRowsCpu !== undefined && p.columnarVsRowsWall !== undefined)
      log(
        `- Lockstep's columnar path / its row path (\`lockstep-rows\`, \`LOCKSTEP_ROW_PATH=1\`): ${s2(p.columnarVsRowsCpu)} by CPU, ${s2(p.columnarVsRowsWall)} by wall`,
      );
    if (p.partsVsWholeCpu !== undefined && p.partsVsWholeRss !== undefined)
      log(
        `- Lockstep reading the log in ${PARTS} parts / holding it whole: ${s2(p.partsVsWholeCpu)} by CPU, ${s2(p.partsVsWholeRss)} by peak RSS of its own process (each part decodes the Parquet columns again; memory holds one part)`,
      );
    if (p.jsonlVsParquetCpu !== undefined && p.jsonlVsParquetWall !== undefined)
      log(
        `- Lockstep on the rows as JSON lines / as Parquet: ${s2(p.jsonlVsParquetCpu)} by CPU, ${s2(p.jsonlVsParquetWall)} by wall (both read column by column; JSON lines are parsed line by line)`,
      );
  } else {
    log(`- Lockstep: not measured (${p.lockstepMissing}); its ratios are null in results.json`);
  }
  log();
  json.pandas = p;
  json.pandas_wall_vs_skewsentry = p.wallVsSkewSentry ?? null;
  json.pandas_cpu_vs_floor = p.cpuVsFloor ?? null;
}

/**
 * Rows/s through a Python child that returns its input, Arrow frames against JSON lines (bench/arrow-transport-bench.ts,
 * run as a child of its own each round; within a round it measures both transports on the same rows).
 */
export async function transportSection(log: Log, json: Json): Promise<void> {
  log('## Arrow frame transport against JSON lines (issue 11)');
  log();
  const script = 'bench/arrow-transport-bench.ts';
  if (!existsSync(script)) {
    log(`Not measured: ${script} (the frame sides' transport benchmark) is not in this checkout.`);
    log();
    json.arrow_vs_jsonl_transport = null;
    return;
  }
  const rows = scaled(200_000);
  const runs = await rotate(
    roundsWanted(),
    {
      transport: {
        command: process.execPath,
        args: ['--import', 'tsx', script],
        env: { BENCH_ROWS: String(rows) },
      },
    },
    progress,
  );
  const results = runs.transport.map((r) => r.result as unknown as ArrowTransportBench);
  const arrow = median(results.map((r) => r.arrowRowsPerSec));
  const jsonl = median(results.map((r) => r.jsonlRowsPerSec));
  const ratio = median(results.map((r) => r.ratio));
  log(
    `${fmt(rows)} rows of 12 columns (4 integer, 4 float, 3 string, 1 bool), batches of ${results[0]?.batchSize ?? '?'}, one Python child each way; median of ${results.length} rounds, each round in its own process measuring both transports.`,
  );
  log();
  log('| transport | rows/s (median) | last round |');
  log('|---|---:|---|');
  const last = results.at(-1);
  log(`| Arrow frames (frameSide, pandas) | ${fmt(arrow)} | ${last?.rows[0]?.note ?? ''} |`);
  log(`| JSON lines (commandSide, serve_records) | ${fmt(jsonl)} | ${last?.rows[1]?.note ?? ''} |`);
  log();
  log(`- Arrow frames / JSON lines: **${s2(ratio)}x** (median of the rounds' ratios)`);
  log();
  json.transport = { rows, rounds: results.length, arrowRowsPerSec: arrow, jsonlRowsPerSec: jsonl, results };
  json.arrow_vs_jsonl_transport = ratio;
}
