/**
 * `npm run bench`: every performance number Lockstep claims, each measured in the same run as its baseline, written
 * to bench/results.md (for reading) and bench/results.json (the same numbers as data). Each measurement runs in its
 * own child process so that peak RSS is its own. `npm run bench -- python command` runs only the sections named
 * (replay, command, python, fuzz, longline, engine, pandas, transport; `issue11` stands for the last three) and prints
 * them without writing the results files. LOCKSTEP_BENCH_SCALE=0.1 runs the issue 11 sections at a tenth of their
 * size and LOCKSTEP_BENCH_ROUNDS sets their rounds (default 3), for development (see bench/bench-data.ts).
 */

import { execFileSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { ensureCardLog } from './bench-data.ts';
import { benchCommandSide } from './command-bench.ts';
import { compiledScript } from './compiled-script.ts';
import { engineSection, pandasSection, transportSection } from './issue11-sections.ts';
import { benchLongLine, type LongLineRow } from './long-line-bench.ts';
import { benchPythonSide } from './python-bench.ts';

const IN_PROCESS_CONFIG = 'examples/card-fraud/lockstep.in-process.config.ts';

interface Measured {
  records: number;
  seconds: number;
  maxRssMB: number;
  partitionSeconds?: number;
}

/** Runs a bench script compiled, under plain `node` against the built package (see compiled-script.ts). */
function measure(script: string, args: readonly string[]): Measured {
  const out = execFileSync(process.execPath, [compiledScript(script), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  })
    .trim()
    .split('\n')
    .at(-1) as string;
  return JSON.parse(out) as Measured;
}

const rate = (m: { records: number; seconds: number }): number => m.records / m.seconds;
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const SECTIONS = ['replay', 'command', 'python', 'fuzz', 'longline', 'engine', 'pandas', 'transport'] as const;
const ISSUE_11 = ['engine', 'pandas', 'transport'];

async function main(): Promise<void> {
  const asked = process.argv.slice(2).flatMap((a) => (a === 'issue11' ? [...ISSUE_11] : [a]));
  const unknown = asked.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length > 0)
    throw new Error(`bench: unknown section ${unknown.join(', ')} (known: ${SECTIONS.join(', ')})`);
  const want = (section: (typeof SECTIONS)[number]): boolean => asked.length === 0 || asked.includes(section);
  const json: Record<string, unknown> = {};
  const lines: string[] = [];
  const log = (line = ''): void => {
    lines.push(line);
    process.stderr.write(`${line}\n`);
  };
  log('# Lockstep benchmark results');
  log();
  log(
    `Measured ${new Date().toISOString()} on ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.`,
  );
  log('Every ratio compares two numbers measured in this same run (the machine is shared and noisy).');
  log();
  json.machine = { cpu: cpus()[0]?.model, cores: availableParallelism(), node: process.version };
  json.measured = new Date().toISOString();

  const run: Record<(typeof SECTIONS)[number], () => unknown> = {
    replay: () => replaySection(log, json),
    command: () => commandSection(log, json),
    python: () => pythonSection(log, json),
    fuzz: () => fuzzSection(log, json),
    longline: () => longLineSection(log, json),
    engine: () => engineSection(log, json),
    pandas: () => pandasSection(log, json),
    transport: () => transportSection(log, json),
  };
  // How long each section took, so the run can be sized to its budget (25 minutes on 2 cores).
  const sectionSeconds: Record<string, number> = {};
  for (const section of SECTIONS) {
    if (!want(section)) continue;
    const started = performance.now();
    await run[section]();
    sectionSeconds[section] = (performance.now() - started) / 1000;
  }
  json.sectionSeconds = sectionSeconds;
  log('## Duration');
  log();
  log(
    `${Object.entries(sectionSeconds)
      .map(([name, seconds]) => `${name} ${(seconds / 60).toFixed(1)} min`)
      .join(
        ', ',
      )}; the whole run ${(performance.now() / 60_000).toFixed(1)} min (inputs generated on the way included).`,
  );
  if (asked.length > 0) {
    process.stderr.write('a partial run (sections named): bench/results.* left as they were\n');
    return;
  }
  writeFileSync('bench/results.md', `${lines.join('\n')}\n`);
  writeFileSync('bench/results.json', `${JSON.stringify(json, null, 2)}\n`);
  process.stderr.write('wrote bench/results.md and bench/results.json\n');
}

type Log = (line?: string) => void;

async function replaySection(log: Log, json: Record<string, unknown>): Promise<void> {
  const small = ensureCardLog(100_000);
  const large = ensureCardLog(1_000_000);
  log('## Replay throughput (issue 2)');
  log();
  const raw = measure('bench/raw-ceiling.ts', [large]);
  const readline = measure('bench/readline-stream.ts', [large]);
  const bare = measure('bench/bare-loop.ts', [large]);
  const replaySmall = measure('bench/replay-in-process.ts', [small, IN_PROCESS_CONFIG, '1']);
  const replayLarge = measure('bench/replay-in-process.ts', [large, IN_PROCESS_CONFIG, '1']);
  const engineOnly = measure('bench/replay-in-process.ts', [large, IN_PROCESS_CONFIG, '1', 'logged']);
  const engineOnlySmall = measure('bench/replay-in-process.ts', [small, IN_PROCESS_CONFIG, '1', 'logged']);
  const replayWorkers = measure('bench/replay-in-process.ts', [
    large,
    IN_PROCESS_CONFIG,
    String(Math.max(2, availableParallelism())),
  ]);
  for (const [name, m] of [
    ['1 thread', replayLarge],
    ['workers', replayWorkers],
    ['engine only', engineOnly],
  ] as const) {
    // A fast wrong answer is no answer: every run must account for every line of the log.
    if (m.records !== raw.records)
      throw new Error(`bench: replay (${name}) read ${m.records} of ${raw.records} records`);
  }
  const ratio = rate(replayLarge) / rate(raw);
  const ratioWorkers = rate(replayWorkers) / rate(raw);
  log(
    `Log: ${large}, ${fmt(raw.records)} records, ${(statSync(large).size / 2 ** 20).toFixed(0)} MiB (card-fraud example, generated deterministically).`,
  );
  log();
  log('| measurement | records/s | seconds | peak RSS |');
  log('|---|---:|---:|---:|');
  log(
    `| (a) raw ceiling: stream the file, JSON.parse every line (1 thread) | ${fmt(rate(raw))} | ${raw.seconds.toFixed(2)} | ${raw.maxRssMB.toFixed(0)} MB |`,
  );
  log(
    `| (a') idiomatic stream: readline over a read stream, JSON.parse every line (1 thread) | ${fmt(rate(readline))} | ${readline.seconds.toFixed(2)} | ${readline.maxRssMB.toFixed(0)} MB |`,
  );
  log(
    `| bare hand-written loop: parse, every record in memory by card, both sides, \`!==\` per feature | ${fmt(rate(bare))} | ${bare.seconds.toFixed(2)} | ${bare.maxRssMB.toFixed(0)} MB |`,
  );
  log(
    `| (b) lockstep replay, both sides in-process, 1M records (1 thread, default) | ${fmt(rate(replayLarge))} | ${replayLarge.seconds.toFixed(2)} | ${replayLarge.maxRssMB.toFixed(0)} MB |`,
  );
  log(
    `| (b) same, 100k records | ${fmt(rate(replaySmall))} | ${replaySmall.seconds.toFixed(2)} | ${replaySmall.maxRssMB.toFixed(0)} MB |`,
  );
  log(
    `| (b') same, 1M records, --workers ${Math.max(2, availableParallelism())} | ${fmt(rate(replayWorkers))} | ${replayWorkers.seconds.toFixed(2)} | ${replayWorkers.maxRssMB.toFixed(0)} MB |`,
  );
  log(
    `| (e) engine alone: lockstep replay with both sides \`logged\` (no feature code runs), 1M records, 1 thread | ${fmt(rate(engineOnly))} | ${engineOnly.seconds.toFixed(2)} | ${engineOnly.maxRssMB.toFixed(0)} MB |`,
  );
  log();
  log(
    `- ratio b/a: **${ratio.toFixed(2)}** (target >= 0.6: ${ratio >= 0.6 ? 'met' : 'NOT met'}); with workers b'/a: ${ratioWorkers.toFixed(2)}`,
  );
  log(
    `- against the idiomatic stream (a'), which is what "about 200k records/s per core" measures: b/a' = ${(rate(replayLarge) / rate(readline)).toFixed(2)}, b'/a' = ${(rate(replayWorkers) / rate(readline)).toFixed(2)} (the target is judged against the stricter raw ceiling a)`,
  );
  log(
    `- for context: bare loop / a = ${(rate(bare) / rate(raw)).toFixed(2)}; lockstep / bare loop = ${(rate(replayLarge) / rate(bare)).toFixed(2)} (the bare loop holds every record in memory and compares nothing by the contract)`,
  );
  log(
    `- engine alone / a = ${(rate(engineOnly) / rate(raw)).toFixed(2)}: what Lockstep itself costs (stream in log order, decode, validate against the contract, compare 12 features, tally the report) before any feature code runs; every script in this section runs compiled, under plain \`node\`, against the built package`,
  );
  log(
    `- partition stage (read, route every line to its entity's partition, spill to disk): ${replayLarge.partitionSeconds?.toFixed(2)} s of ${replayLarge.seconds.toFixed(2)} s`,
  );
  log(
    `- peak RSS 100k vs 1M: ${replaySmall.maxRssMB.toFixed(0)} MB vs ${replayLarge.maxRssMB.toFixed(0)} MB (target < 250 MB: ${replayLarge.maxRssMB < 250 ? 'met' : 'NOT met'}; 1M within 20% of 100k: ${replayLarge.maxRssMB < replaySmall.maxRssMB * 1.2 ? 'met' : 'NOT met'}). The example's serving side keeps an online store of the cards it has seen (about 3,000 at 100k records, 30,000 at 1M): the side's memory, not Lockstep's`,
  );
  log(
    `- peak RSS of the engine alone (both sides \`logged\`, no side state) 100k vs 1M: ${engineOnlySmall.maxRssMB.toFixed(0)} MB vs ${engineOnly.maxRssMB.toFixed(0)} MB (1M within 10% of 100k: ${engineOnly.maxRssMB < engineOnlySmall.maxRssMB * 1.1 ? 'met' : 'NOT met'})`,
  );
  log();
  json.replay = {
    log: large,
    raw,
    readline,
    bare,
    replaySmall,
    replayLarge,
    replayWorkers,
    engineOnly,
    engineOnlySmall,
  };
}

async function commandSection(log: Log, json: Record<string, unknown>): Promise<void> {
  log('## Out-of-process side (issue 3)');
  log();
  log(
    "A trivial Python child that answers every request line; (a) a minimal pipelined client, (b) Lockstep's command side, (c) a lock-step client (one request at a time).",
  );
  log();
  const command = await benchCommandSide(100_000);
  log('| measurement | records/s | note |');
  log('|---|---:|---|');
  for (const row of command) log(`| ${row.name} | ${fmt(row.recordsPerSec)} | ${row.note ?? ''} |`);
  const find = (part: string): number => command.find((r) => r.name.includes(part))?.recordsPerSec ?? Number.NaN;
  const [ceiling, lockstep, naive] = [find('pipe ceiling'), find('commandSide (1 child)'), find('lock-step')];
  log();
  log(
    `- command side / pipe ceiling: **${(lockstep / ceiling).toFixed(2)}** (target >= 0.7); command side / lock-step client: **${(lockstep / naive).toFixed(1)}x** (target >= 5x)`,
  );
  log();
  json.command = command;
}

async function longLineSection(log: Log, json: Record<string, unknown>): Promise<void> {
  log('## One long response line (issue 10)');
  log();
  log(
    'A Python child answers one request with one line holding a 10 MB, then a 20 MB feature; the command side reads it. Wall and CPU of this process while it receives the line (the child is warmed up first). Linear reading costs about 2x for 20 MB.',
  );
  log();
  const rows = [await benchLongLine(10), await benchLongLine(20)];
  log('| line | wall ms | CPU ms |');
  log('|---|---:|---:|');
  for (const r of rows) log(`| ${r.megabytes} MB | ${fmt(r.wallMs)} | ${fmt(r.cpuMs)} |`);
  const [ten, twenty] = rows as [LongLineRow, LongLineRow];
  log();
  log(
    `- 20 MB / 10 MB: **${(twenty.wallMs / ten.wallMs).toFixed(2)}x** wall, **${(twenty.cpuMs / ten.cpuMs).toFixed(2)}x** CPU (linear: about 2; quadratic: about 4)`,
  );
  log();
  json.longLine = { rows, wallRatio: twenty.wallMs / ten.wallMs, cpuRatio: twenty.cpuMs / ten.cpuMs };
}

function pythonSection(log: Log, json: Record<string, unknown>): void {
  log('## Python helper: `serve_records` (python/lockstep_side)');
  log();
  log(
    "The same 100,000 request lines through (a) an idiomatic stdlib loop (`json.loads`/`json.dumps` per line, one flush at the end) and (b) `serve_records` with the same trivial function (flushes after every read, so a pipelined client gets answers while it sends). Interpreter start included; best of 3 interleaved rounds; CPU is the child's own user + system time.",
  );
  log();
  const rows = benchPythonSide(100_000);
  log('| measurement | lines/s (wall) | wall s | CPU s | lines per CPU-second | note |');
  log('|---|---:|---:|---:|---:|---|');
  for (const r of rows)
    log(
      `| ${r.name} | ${fmt(r.linesPerSec)} | ${r.seconds.toFixed(2)} | ${r.cpuSeconds.toFixed(2)} | ${fmt(r.linesPerCpuSec)} | ${r.note ?? ''} |`,
    );
  log();
  json.python = rows;
}

async function fuzzSection(log: Log, json: Record<string, unknown>): Promise<void> {
  const fuzzBench = 'bench/fuzz-bench.ts';
  if (existsSync(fuzzBench)) {
    const { benchFuzz } = (await import('./fuzz-bench.ts')) as {
      benchFuzz: () => Promise<Array<{ name: string; casesPerSec: number; note?: string }>>;
    };
    log('## Property-based parity (issue 4)');
    log();
    log('| measurement | generated cases/s | note |');
    log('|---|---:|---|');
    const rows = await benchFuzz();
    for (const row of rows) log(`| ${row.name} | ${fmt(row.casesPerSec)} | ${row.note ?? ''} |`);
    log();
    json.fuzz = rows;
  }
}

await main();
