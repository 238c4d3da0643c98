import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { defineContract } from '../src/contract/define-contract.ts';
import { commandSide } from '../src/implementations/command-side.ts';
import { frameSide } from '../src/implementations/frame-side.ts';
import type { Side, SideRecord } from '../src/implementations/side.ts';

/** Wall and CPU time of one transport: the parent's CPU and the Python child's (reaped, from /proc/self/stat). */
export interface TransportTiming {
  readonly rowsPerSec: number;
  readonly wallMs: number;
  readonly parentCpuMs: number;
  readonly childCpuMs: number | null;
}

/** What {@link benchArrowTransport} measures. */
export interface ArrowTransportBench {
  readonly rowCount: number;
  readonly columns: number;
  readonly batchSize: number;
  readonly arrowRowsPerSec: number;
  readonly jsonlRowsPerSec: number;
  /** Arrow frames' rows/s over JSON lines'. */
  readonly ratio: number;
  readonly arrow: TransportTiming;
  readonly jsonl: TransportTiming;
  /** The same numbers as table rows (bench/issue11-sections.ts prints them). */
  readonly rows: readonly { name: string; rowsPerSec: number; note?: string }[];
}

/** Twelve columns: four 64-bit-ish integers, four floats, three strings, one bool. */
const wide = defineContract({
  name: 'transport',
  version: '1',
  entity: 'user',
  input: z.object({
    user: z.string(),
    account: z
      .number()
      .int()
      .min(-(2 ** 63))
      .max(2 ** 63),
    count: z.number().int(),
    day: z.number().int(),
    age: z.number().int(),
    amount: z.number(),
    score: z.number(),
    ratio: z.number(),
    lat: z.number(),
    country: z.string(),
    note: z.string(),
    active: z.boolean(),
  }),
  features: { amount: { type: 'float' } },
});

function makeRows(n: number): SideRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    line: i + 1,
    entity: `u${i >> 3}`,
    timestamp: 1_700_000_000_000 + i,
    input: {
      user: `u${i >> 3}`,
      account: 9_007_199_254_740_993n + BigInt(i),
      count: i,
      day: i % 7,
      age: 18 + (i % 60),
      amount: i * 1.25,
      score: Math.sin(i),
      ratio: i / 7,
      lat: 52.5 + i / 1e6,
      country: ['DE', 'FR', 'ÉS', 'JP'][i % 4] as string,
      note: `note ${i} ✓`,
      active: i % 3 === 0,
    },
  }));
}

/** Children's CPU so far (user + system of reaped children), in ms; null off Linux. */
function childCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100; // cutime + cstime, at USER_HZ = 100
  } catch {
    return null;
  }
}

/** Runs every batch through the side with `inFlight` batches pipelined; the child is started and warm before timing. */
async function timeSide(side: Side, rows: readonly SideRecord[], batchSize: number): Promise<TransportTiming> {
  await side.start?.();
  await side.compute(rows.slice(0, 16)); // imports done, first batch answered
  const batches: SideRecord[][] = [];
  for (let i = 0; i < rows.length; i += batchSize) batches.push(rows.slice(i, i + batchSize));
  const childBefore = childCpuMs();
  const cpu = process.cpuUsage();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const outcomes = await side.compute(batches[next++] as SideRecord[]);
      if (outcomes.some((o) => 'error' in o))
        throw new Error(`transport bench: ${JSON.stringify(outcomes.find((o) => 'error' in o))}`);
    }
  };
  await Promise.all(Array.from({ length: side.inFlight ?? 1 }, worker));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await side.close?.();
  const childAfter = childCpuMs();
  return {
    rowsPerSec: rows.length / (wallMs / 1000),
    wallMs,
    parentCpuMs: (used.user + used.system) / 1000,
    childCpuMs: childBefore === null || childAfter === null ? null : childAfter - childBefore,
  };
}

const ECHO_FRAMES = [
  'from lockstep_side import serve_arrow',
  'serve_arrow(lambda frame: frame.drop(columns=["_entity", "_timestamp"]))',
].join('\n');
const ECHO_LINES = ['from lockstep_side import serve_records', 'serve_records(lambda input: input)'].join('\n');

/**
 * Rows/s to and from one Python child that returns its input, over Arrow frames (`frameSide`, pandas) and over the
 * JSON line protocol (`commandSide`, `serve_records`), on the same rows of a 12-column schema, same batch size, one
 * child each. Child CPU counts the child from start to exit (its imports included).
 * @param options - rows (default 200 000), batch size (default 8192), the Python (default the project venv's)
 */
export async function benchArrowTransport(
  options: { rows?: number; batchSize?: number; python?: string } = {},
): Promise<ArrowTransportBench> {
  const rowCount = options.rows ?? 200_000;
  const batchSize = options.batchSize ?? 8192;
  const python = options.python ?? join(process.env.LOCKSTEP_VENV ?? '.venv', 'bin', 'python');
  const rows = makeRows(rowCount);
  const limits = { concurrency: 1, timeoutMs: 600_000, startupTimeoutMs: 60_000 };
  const arrow = await timeSide(
    frameSide({ command: [python, '-c', ECHO_FRAMES], contract: wide, ...limits }),
    rows,
    batchSize,
  );
  const jsonl = await timeSide(
    commandSide({ command: [python, '-c', ECHO_LINES], ...limits, maxInFlightPerChild: 2 * batchSize }),
    rows,
    batchSize,
  );
  const note = (t: TransportTiming) =>
    `wall ${Math.round(t.wallMs)} ms, CPU parent ${Math.round(t.parentCpuMs)} ms, child ${t.childCpuMs === null ? '?' : Math.round(t.childCpuMs)} ms`;
  return {
    rowCount,
    columns: 12,
    batchSize,
    arrowRowsPerSec: arrow.rowsPerSec,
    jsonlRowsPerSec: jsonl.rowsPerSec,
    ratio: arrow.rowsPerSec / jsonl.rowsPerSec,
    arrow,
    jsonl,
    rows: [
      { name: `Arrow frames (pandas, ${rowCount} rows × 12 columns)`, rowsPerSec: arrow.rowsPerSec, note: note(arrow) },
      { name: `JSON lines (serve_records, same rows)`, rowsPerSec: jsonl.rowsPerSec, note: note(jsonl) },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = process.env.BENCH_ROWS === undefined ? {} : { rows: Number(process.env.BENCH_ROWS) };
  console.log(JSON.stringify(await benchArrowTransport(rows)));
}
