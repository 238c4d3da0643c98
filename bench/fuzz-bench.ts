import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { cardFraud } from '../contracts/card-fraud.ts';
import { cardFraudArbitraries, servingFactory, trainingSide } from '../examples/card-fraud/fuzz-settings.ts';
import type { ArbitraryOptions } from '../src/arbitraries/from-schema.ts';
import { fuzzContract } from '../src/fuzz/fuzz-contract.ts';
import type { FuzzSides } from '../src/fuzz/fuzz-result.ts';
import { commandSide } from '../src/implementations/command-side.ts';

/** One line of the benchmark table. */
export interface FuzzBenchRow {
  name: string;
  casesPerSec: number;
  note?: string;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PYTHON = `${ROOT}.venv/bin/python`;

/** Whole cents: on sub-cent amounts training.ts's running window sum drifts below 0 (a contract finding). */
const CENTS: ArbitraryOptions = {
  ...cardFraudArbitraries,
  overrides: { ...cardFraudArbitraries.overrides, amount: fc.integer({ min: 0, max: 1e8 }).map((c) => c / 100) },
};

async function measure(name: string, sides: FuzzSides, runs: number, arbitraries = cardFraudArbitraries) {
  const started = performance.now();
  const result = await fuzzContract({ contract: cardFraud, sides, runs, seed: 42, arbitraries });
  const seconds = (performance.now() - started) / 1000;
  const cases = result.runs + result.shrinks;
  const row: FuzzBenchRow = {
    name,
    casesPerSec: Math.round(cases / seconds),
    note: `${result.runs} generated + ${result.shrinks} shrink cases (histories of ≤ 3 cards × ≤ 12 events), ${result.findings.length} findings, ${seconds.toFixed(1)} s`,
  };
  return row;
}

/**
 * Generated fuzz cases per second on the card-fraud example (each case one entity-history batch through both sides,
 * shrinking steps included): an agreeing in-process pair, the example's in-process pair (TypeScript training vs
 * serving, with its planted divergences shrunk), and the pandas training child vs TypeScript serving (skipped
 * without `.venv`).
 */
export async function benchFuzz(): Promise<FuzzBenchRow[]> {
  const rows = [
    await measure(
      'fuzz in-process, agreeing pair (training.ts × 2)',
      { training: trainingSide, serving: trainingSide },
      2000,
      CENTS,
    ),
    await measure(
      'fuzz in-process, example (training.ts vs serving.ts)',
      { training: trainingSide, serving: servingFactory },
      1000,
    ),
  ];
  if (!existsSync(PYTHON)) {
    rows.push({
      name: 'fuzz Python child (training.py vs serving.ts)',
      casesPerSec: 0,
      note: 'skipped: no .venv (bash scripts/setup-python.sh)',
    });
    return rows;
  }
  const python = commandSide({
    command: [PYTHON, 'examples/card-fraud/training.py'],
    shape: 'entity',
    cwd: ROOT,
    concurrency: 1,
    description: 'training.py (pandas)',
  });
  try {
    rows.push(
      // 200 generated cases, not 1000: its shrinking steps alone took 4 of the bench's 25 minutes on a loaded machine.
      // The rate is what the row reports.
      await measure(
        'fuzz Python child (training.py vs serving.ts)',
        { training: python, serving: servingFactory },
        200,
      ),
    );
  } finally {
    // fuzzContract never closes an instance it was given: left open, the child kept `npm run bench` from exiting.
    await python.close?.();
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const row of await benchFuzz())
    console.log(`${row.name.padEnd(56)} ${String(row.casesPerSec).padStart(8)} cases/s  ${row.note ?? ''}`);
}
