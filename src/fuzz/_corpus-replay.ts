import type { z } from 'zod';
import { validateInput } from '../contract/validate-input.ts';
import type { StoredCase } from '../snapshot/corpus-entry.ts';
import type { Finding } from './fuzz-result.ts';
import { type CaseRunner, runCase } from './run-case.ts';

/** What replaying a corpus found. @internal */
export interface CorpusReplay {
  readonly findings: Finding[];
  stillDiverging: number;
  readonly fixed: StoredCase[];
  readonly stale: StoredCase[];
}

/** The inputs of a stored case: its history, or its one record. @internal */
export function storedInputs(stored: StoredCase): readonly unknown[] {
  const { shape, input } = stored.entry;
  return shape === 'history' && Array.isArray(input) ? input : [input];
}

/**
 * Replays every stored case first: one that still shows its class (same feature and kind; the cause may have
 * drifted) is a finding marked `corpus` — once per class — and its class is added to `known` so the search looks
 * for others; one that agrees now is fixed; one whose input the contract no longer accepts is stale.
 * @internal
 */
export async function replayCorpus(
  runner: CaseRunner,
  cases: readonly StoredCase[],
  known: Set<string>,
): Promise<CorpusReplay> {
  const out: CorpusReplay = { findings: [], stillDiverging: 0, fixed: [], stale: [] };
  const schema = runner.contract.input as z.ZodType;
  for (const stored of cases) {
    const inputs = storedInputs(stored);
    if (inputs.length === 0 || !inputs.every((i) => validateInput(schema, i).success)) {
      out.stale.push(stored);
      continue;
    }
    const { entry } = stored;
    const observed = await runCase(runner, inputs);
    // A side that could not be reached ran nothing: the case is not fixed, it was not checked (and is never pruned).
    if (runner.unavailable !== undefined) break;
    const same = observed.filter((o) => o.feature === entry.feature && o.kind === entry.kind);
    const match = same.find((o) => o.cause === entry.cause) ?? same[0];
    if (match === undefined) {
      out.fixed.push(stored);
      continue;
    }
    out.stillDiverging++;
    if (known.has(match.key)) continue;
    known.add(match.key);
    const { key: _key, event, ...hit } = match;
    out.findings.push({
      ...hit,
      minimalInput: entry.input,
      originalInput: entry.input,
      ...(entry.shape === 'history' ? { event } : {}),
      seed: entry.seed,
      path: entry.path,
      foundAfterRuns: 0,
      source: 'corpus',
      corpusKey: stored.key,
    });
  }
  return out;
}
