/**
 * Peak memory of replaying one big entity (docs/protocol.md, "Entity-wise"): a log holding one entity of 10,000 and
 * of 100,000 events, replayed through an entity-wise side, each run in its own child process so that its peak RSS is
 * its own. Memory that grows with the entity's decoded history shows as a peak that grows about tenfold; the engine
 * keeps such an entity's records lazy (decoded on access from the raw bytes), so what grows is the raw bytes and the
 * sides' outcomes. Each size runs with a tiny input (`{u, amount}`) and with a 200-character note in it (what a decoded
 * history costs grows with the record). Prints one JSON line. `node --import tsx bench/big-entity-bench.ts [events...]`.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { commandSide } from '../src/implementations/command-side.ts';
import { loggedSide } from '../src/implementations/in-process.ts';
import { createFsSpillStore } from '../src/io/fs-spill-store.ts';
import { fileLineSource } from '../src/io/line-source.ts';
import { replayContract } from '../src/replay/replay.ts';
import {
  PYTHON_SIDE,
  runningTotals,
  runningTotalsSide,
  writeBigEntityLog,
} from '../test/fixtures/big-entity/big-entity.ts';

/** Which entity-wise side the training side is: the project's Python (command) or an in-process function. */
export type BigEntitySide = 'python' | 'in-process';

/** One measured replay. */
export interface BigEntityRow {
  readonly events: number;
  /** Characters of the note each input carries (0: none). */
  readonly noteChars: number;
  readonly side: BigEntitySide;
  readonly peakRssMB: number;
  readonly seconds: number;
  readonly compared: number;
  readonly diverged: number;
}

const SELF = fileURLToPath(import.meta.url);

/** Runs one replay in this process (the child's part) and measures it. */
async function replayOnce(log: string, events: number, noteChars: number, side: BigEntitySide): Promise<BigEntityRow> {
  const started = performance.now();
  const training =
    side === 'python' ? commandSide({ command: PYTHON_SIDE, shape: 'entity', concurrency: 1 }) : runningTotalsSide();
  const report = await replayContract({
    contract: runningTotals,
    sides: { training, serving: loggedSide() },
    sources: [fileLineSource(log)],
    spill: () => createFsSpillStore(),
  });
  return {
    events,
    noteChars,
    side,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    seconds: Math.round((performance.now() - started) / 10) / 100,
    compared: report.counts.compared,
    diverged: report.counts.diverged,
  };
}

/** Measures each size with each side, each replay in a child process of its own. */
export async function benchBigEntity(sizes: readonly number[] = [10_000, 100_000]): Promise<BigEntityRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-big-entity-'));
  const rows: BigEntityRow[] = [];
  try {
    for (const noteChars of [0, 200]) {
      for (const events of sizes) {
        const log = join(dir, `u1-${events}-${noteChars}.jsonl`);
        await writeBigEntityLog(log, events, 3, noteChars);
        for (const side of ['in-process', 'python'] as const) {
          const args = ['--import', 'tsx', SELF, '--child', log, String(events), String(noteChars), side];
          const out = execFileSync(process.execPath, args, { encoding: 'utf8' });
          rows.push(JSON.parse(out.trim().split('\n').at(-1) as string) as BigEntityRow);
        }
        rmSync(log);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  if (args[0] === '--child') {
    const [, log, events, noteChars, side] = args as [string, string, string, string, BigEntitySide];
    process.stdout.write(`${JSON.stringify(await replayOnce(log, Number(events), Number(noteChars), side))}\n`);
  } else {
    const sizes = args.length > 0 ? args.map(Number) : undefined;
    process.stdout.write(`${JSON.stringify({ bench: 'big-entity', rows: await benchBigEntity(sizes) })}\n`);
  }
}
