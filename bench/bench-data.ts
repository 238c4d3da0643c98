/**
 * The benchmark's inputs, generated deterministically into bench/data (git-ignored) the first time a section needs
 * them, and the knobs that size a run: LOCKSTEP_BENCH_SCALE (default 1) multiplies every record and row count, for
 * developing a section at a tenth of its size; LOCKSTEP_BENCH_ROUNDS (default 3) sets the rounds of each rotation.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { splitLines } from '../src/replay/decode/split-lines.ts';

export const DATA = 'bench/data';

/** The project's Python (`npm run setup:python`): pandas, pyarrow and skewsentry live there. */
export function python(): string {
  const candidate = join(process.env.LOCKSTEP_VENV ?? '.venv', 'bin', 'python');
  return existsSync(candidate) ? candidate : 'python3';
}

/** `n` times LOCKSTEP_BENCH_SCALE, rounded to a whole thousand (at least 1,000). */
export function scaled(n: number): number {
  const scale = Number(process.env.LOCKSTEP_BENCH_SCALE ?? '1');
  if (!(scale > 0)) throw new Error(`bench: LOCKSTEP_BENCH_SCALE must be a positive number, not ${scale}`);
  return Math.max(1000, Math.round((n * scale) / 1000) * 1000);
}

/** Rounds of each rotation: LOCKSTEP_BENCH_ROUNDS, default 3 (the issue asks for at least 3). */
export function rounds(): number {
  return Math.max(1, Number(process.env.LOCKSTEP_BENCH_ROUNDS ?? '3'));
}

function node(args: readonly string[]): void {
  execFileSync(process.execPath, ['--import', 'tsx', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

const label = (n: number): string => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : `${n / 1000}k`);

/** The card-fraud example's log with `records` records (examples/card-fraud/generate-log.ts), made once. */
export function ensureCardLog(records: number): string {
  mkdirSync(DATA, { recursive: true });
  const path = `${DATA}/card-${records / 1000}k.jsonl`;
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path}\n`);
    node(['examples/card-fraud/generate-log.ts', '--records', String(records), '--out', `${path}.part`]);
    renameSync(`${path}.part`, path);
  }
  return path;
}

/**
 * The same log with a 19-digit id first on every line (`{"id":1000000000000000007,…`): every id is beyond 2^53, so
 * an exact reader cannot take JSON.parse's fast path for it. Made once, next to the log it copies.
 */
export async function ensureIdLog(log: string): Promise<string> {
  const path = log.replace(/\.jsonl$/, '-id19.jsonl');
  if (existsSync(path)) return path;
  process.stderr.write(`generating ${path}\n`);
  const out = createWriteStream(`${path}.part`);
  let line = 0n;
  const open = Buffer.from('{');
  for await (const { buf, starts, ends } of splitLines(createReadStream(log))) {
    const parts: Buffer[] = [];
    for (let i = 0; i < starts.length; i++) {
      const id = 1_000_000_000_000_000_000n + line++ * 7_919n;
      const start = starts[i] as number;
      if (buf[start] !== open[0]) throw new Error(`bench: ${log} line ${line} is not a JSON object`);
      parts.push(Buffer.from(`{"id":${id},`), buf.subarray(start + 1, ends[i]), Buffer.from('\n'));
    }
    if (!out.write(Buffer.concat(parts))) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  out.end();
  await finished(out);
  renameSync(`${path}.part`, path);
  return path;
}

/** The pandas benchmark's e-commerce transactions (bench/pandas/generate.py) with `rows` rows, as Parquet. */
export function ensureEcommerceParquet(rows: number): string {
  mkdirSync(DATA, { recursive: true });
  const path = `${DATA}/ecommerce-${label(rows)}.parquet`;
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path}\n`);
    execFileSync(python(), ['bench/pandas/generate.py', '--rows', String(rows), '--out', `${path}.part`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    renameSync(`${path}.part`, path);
  }
  return path;
}

/**
 * The pandas workload's Parquet log as JSON lines beside it (bench/pandas/to_jsonl.py): the same rows, as a serving
 * log holds them.
 */
export function ensureEcommerceJsonl(parquet: string): string {
  const path = parquet.replace(/\.parquet$/, '.jsonl');
  if (!existsSync(path)) {
    process.stderr.write(`generating ${path}\n`);
    execFileSync(python(), ['bench/pandas/to_jsonl.py', parquet, `${path}.part`], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    renameSync(`${path}.part`, path);
  }
  return path;
}
