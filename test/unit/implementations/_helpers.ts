import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import type { Side, SideOutcome, SideRecord } from '../../../src/implementations/side.ts';

/** The project venv's Python: it has lockstep_side, pyarrow, pandas and polars (npm run setup:python). */
export const VENV_PYTHON = fileURLToPath(new URL('../../../.venv/bin/python', import.meta.url));

/** Absolute path of a fixture side script. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/sides/${name}`, import.meta.url));
}

/** `n` records with ids/lines 1..n; `input(i)` builds the input of the i-th (0-based). */
export function makeRecords(
  n: number,
  input: (i: number) => Record<string, unknown> = (i) => ({ x: i }),
): SideRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    id: String(i + 1),
    line: i + 1,
    entity: `e${i}`,
    timestamp: 1_700_000_000_000 + i,
    input: input(i),
  }));
}

/**
 * Drives a side like the engine: batches of `batchSize`, `side.inFlight` of them at once. Returns one outcome per
 * record, in record order, and fails if a batch's outcomes are not exactly one per record.
 */
export async function runSide(side: Side, records: readonly SideRecord[], batchSize = 64): Promise<SideOutcome[]> {
  const batches: SideRecord[][] = [];
  for (let i = 0; i < records.length; i += batchSize) batches.push(records.slice(i, i + batchSize));
  const results: (readonly SideOutcome[])[] = new Array(batches.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const index = next++;
      const batch = batches[index] as SideRecord[];
      const outcomes = await side.compute(batch);
      if (outcomes.length !== batch.length || outcomes.some((o) => o === undefined)) {
        throw new Error(`batch ${index}: ${outcomes.length} outcomes for ${batch.length} records`);
      }
      results[index] = outcomes;
    }
  };
  await Promise.all(Array.from({ length: side.inFlight ?? 1 }, worker));
  return results.flat();
}

/** Outcomes without their latency, for whole-array assertions. */
export function plain(outcomes: readonly SideOutcome[]): Array<{ features: unknown } | { error: string }> {
  return outcomes.map((o) => ('error' in o ? { error: o.error } : { features: o.features }));
}

/** The expected outcomes of `n` records of the behaviours fixture: `{ double: 2i }`, except where `except` says. */
export function doubles(n: number, except: Record<number, unknown> = {}): unknown[] {
  return Array.from({ length: n }, (_, i) => (i in except ? except[i] : { features: { double: i * 2 } }));
}

/** The features of an outcome, or a thrown error naming the outcome's error. */
export function featuresOf(outcome: SideOutcome | undefined): Readonly<Record<string, unknown>> {
  if (outcome === undefined) throw new Error('no outcome');
  if ('error' in outcome) throw new Error(`expected features, got error: ${outcome.error}`);
  return outcome.features;
}

/** The error message of an outcome, or `undefined` if it has features. */
export function errorOf(outcome: SideOutcome | undefined): string | undefined {
  return outcome !== undefined && 'error' in outcome ? outcome.error : undefined;
}

/** Returns `open(side)`, which registers a side to be closed after each test (no child outlives its test). */
export function closedAfterEach(): (side: Side) => Side {
  const opened: Side[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close?.()));
  });
  return (side) => {
    opened.push(side);
    return side;
  };
}
