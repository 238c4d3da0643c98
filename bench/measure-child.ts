/**
 * The benchmark's measuring tape: runs one command as a child process under GNU time and reports its wall time, the
 * CPU time (user + sys) of the child and every descendant it waited for, the peak RSS of its largest process, and the
 * peak of the whole process tree's RSS added up (sampled from /proc every 250 ms, for tools that run several processes
 * at once).
 * Rounds run in rotation (A, B, C, A, B, C, …) and are summarised by their medians.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One run of one command. */
export interface ChildRun {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly userSeconds: number;
  readonly sysSeconds: number;
  /** Peak RSS of the largest single process (GNU time's %M). */
  readonly maxRssMB: number;
  /** Peak of the RSS of the child and all its descendants added up, sampled every 250 ms. */
  readonly treeRssMB: number;
  /** The last line of the child's stdout, parsed as JSON (every bench script prints one). */
  readonly result: Record<string, unknown>;
}

/** The medians of a command's rounds. */
export interface Medians {
  readonly rounds: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly maxRssMB: number;
  readonly treeRssMB: number;
}

/** One command to measure. */
export interface ChildCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Exit codes that mean the command ran to its end (default only 0; `lockstep replay` exits 1 on divergences). */
  readonly exitCodes?: readonly number[];
  /** A JSON file the command writes (a report): read after it exits, parsed into the result as `file`. */
  readonly resultFile?: string;
}

const PAGE_KB = 4;
const SAMPLE_MS = 250;

/**
 * Sum of the RSS (MB) of `root` and its descendants, from /proc/<pid>/stat. Only pids from `root` up are read:
 * descendants are started after it (pids grow until they wrap, a case this under-counts), and reading every process's
 * stat file on a busy machine would cost the measured child CPU.
 */
function treeRss(root: number): number {
  const parent = new Map<number, number>();
  const rssKb = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid < root) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    } catch {
      continue; // gone between listing and reading
    }
    // Fields after the command name (which may hold spaces), from field 3 on: state ppid … rss is field 24.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    parent.set(pid, Number(rest[1]));
    rssKb.set(pid, Number(rest[21]) * PAGE_KB);
  }
  let total = 0;
  for (const [pid, kb] of rssKb) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += kb;
        break;
      }
    }
  }
  return total / 1024;
}

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs one command to its end and measures it; rejects when it exits non-zero or prints no JSON line. */
export function measureChild(cmd: ChildCommand): Promise<ChildRun> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-'));
  const timeFile = join(dir, 'time');
  return new Promise<ChildRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', '%e %U %S %M', '-o', timeFile, cmd.command, ...cmd.args], {
      env: { ...process.env, ...cmd.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr = (stderr + s).slice(-4000);
    });
    let peakTree = 0;
    const sample = (): void => {
      if (child.pid !== undefined) peakTree = Math.max(peakTree, treeRss(child.pid));
    };
    const sampler = setInterval(sample, SAMPLE_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const wall = (performance.now() - started) / 1000;
      const timed = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
      rmSync(dir, { recursive: true, force: true });
      const what = `${cmd.command} ${cmd.args.join(' ')}`;
      if (!(cmd.exitCodes ?? [0]).includes(code ?? -1)) {
        reject(new Error(`bench: ${what} exited ${code}\n${stderr}`));
        return;
      }
      const last = stdout.trim().split('\n').at(-1) ?? '';
      let result: Record<string, unknown>;
      try {
        result = JSON.parse(last) as Record<string, unknown>;
      } catch {
        reject(new Error(`bench: ${what} printed no JSON result line\n${stdout.slice(-2000)}\n${stderr}`));
        return;
      }
      if (cmd.resultFile !== undefined) {
        try {
          result.file = JSON.parse(readFileSync(cmd.resultFile, 'utf8')) as unknown;
        } catch (error) {
          reject(new Error(`bench: ${what} wrote no readable ${cmd.resultFile}: ${String(error)}\n${stderr}`));
          return;
        }
      }
      const [, user = 0, sys = 0, maxKb = 0] = timed;
      resolve({
        wallSeconds: wall,
        cpuSeconds: user + sys,
        userSeconds: user,
        sysSeconds: sys,
        maxRssMB: maxKb / 1024,
        treeRssMB: Math.max(peakTree, maxKb / 1024),
        result,
      });
    });
  });
}

/**
 * Measures every command `rounds` times in rotation (A, B, C, A, B, C, …), so a noisy minute on a shared machine
 * falls on all of them alike; returns each command's runs in order.
 */
export async function rotate<K extends string>(
  rounds: number,
  commands: Readonly<Record<K, ChildCommand>>,
  onRun?: (name: string, round: number, run: ChildRun) => void,
): Promise<Record<K, ChildRun[]>> {
  const names = Object.keys(commands) as K[];
  const runs = Object.fromEntries(names.map((n) => [n, [] as ChildRun[]])) as Record<K, ChildRun[]>;
  for (let round = 0; round < rounds; round++) {
    for (const name of names) {
      const run = await measureChild(commands[name]);
      runs[name].push(run);
      onRun?.(name, round, run);
    }
  }
  return runs;
}

/** The medians of a command's runs. */
export function medians(runs: readonly ChildRun[]): Medians {
  return {
    rounds: runs.length,
    wallSeconds: median(runs.map((r) => r.wallSeconds)),
    cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
    maxRssMB: median(runs.map((r) => r.maxRssMB)),
    treeRssMB: median(runs.map((r) => r.treeRssMB)),
  };
}

/** The median of a number each run's result line reports (e.g. the CPU seconds a script spent on its work alone). */
export function medianOf(runs: readonly ChildRun[], key: string): number {
  return median(runs.map((r) => Number(r.result[key])));
}
