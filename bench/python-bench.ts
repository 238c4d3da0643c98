import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One child's best round: wall seconds and the child's own CPU seconds (user + system). */
interface Timing {
  seconds: number;
  cpuSeconds: number;
}

/** What bench/python-side.py prints. */
interface PythonSideBench {
  records: number;
  rounds: number;
  python: string;
  baseline: Timing;
  serveRecords: Timing;
  startup: Timing;
}

/** One line of the benchmark table. */
export interface PythonBenchRow {
  name: string;
  linesPerSec: number;
  seconds: number;
  cpuSeconds: number;
  linesPerCpuSec: number;
  note?: string;
}

/** The project's Python (`npm run setup:python`), where lockstep_side's dependencies are installed. */
function python(): string {
  const venv = process.env.LOCKSTEP_VENV ?? '.venv';
  const candidate = join(venv, 'bin', 'python');
  return existsSync(candidate) ? candidate : 'python3';
}

/**
 * Measures the Python helper's `serve_records` against a hand-written stdlib loop doing the same work, in the same
 * run (bench/python-side.py): lines/s in wall time and per CPU-second of the child, interpreter start included.
 * @param records - request lines per child
 * @param rounds - interleaved rounds, best of each
 */
export function benchPythonSide(records: number, rounds = 3): PythonBenchRow[] {
  const out = execFileSync(python(), ['bench/python-side.py', String(records), String(rounds)], { encoding: 'utf8' });
  const bench = JSON.parse(out.trim().split('\n').at(-1) as string) as PythonSideBench;
  const row = (name: string, t: Timing, note?: string): PythonBenchRow => ({
    name,
    linesPerSec: bench.records / t.seconds,
    seconds: t.seconds,
    cpuSeconds: t.cpuSeconds,
    linesPerCpuSec: bench.records / t.cpuSeconds,
    ...(note === undefined ? {} : { note }),
  });
  const base = row('python: baseline (stdlib loop, one flush at the end)', bench.baseline);
  const served = row('python: serve_records (lockstep_side)', bench.serveRecords);
  const wall = served.linesPerSec / base.linesPerSec;
  const cpu = served.linesPerCpuSec / base.linesPerCpuSec;
  served.note = `${wall.toFixed(2)} × baseline in wall time, ${cpu.toFixed(2)} × per CPU-second; interpreter start ${(bench.startup.seconds * 1000).toFixed(0)} ms (Python ${bench.python})`;
  return [base, served];
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
  for (const r of benchPythonSide(Number(process.argv[2] ?? 100_000), Number(process.argv[3] ?? 3)))
    console.log(
      `${r.name.padEnd(56)} ${fmt(r.linesPerSec).padStart(9)}/s  ${fmt(r.linesPerCpuSec)}/CPU-s  ${r.note ?? ''}`,
    );
}
