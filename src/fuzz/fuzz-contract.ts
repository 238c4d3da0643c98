import type { z } from 'zod';
import type { ArbitraryOptions } from '../arbitraries/from-schema.ts';
import { compileComparator } from '../compare/compare-features.ts';
import type { Contract } from '../contract/contract.ts';
import { requireEntity } from '../contract/require-entity.ts';
import { validateInput } from '../contract/validate-input.ts';
import { SkewError } from '../errors.ts';
import { formatValue } from '../report/format-value.ts';
import type { CorpusStore, UpdateMode } from '../snapshot/corpus-entry.ts';
import { type CorpusReplay, replayCorpus } from './_corpus-replay.ts';
import { updateCorpus } from './_corpus-update.ts';
import { replayPath, type SearchOutput, searchClasses } from './_search.ts';
import { boundaryCases } from './boundary-cases.ts';
import { caseArbitrary, type HistoryLimits } from './case-arbitrary.ts';
import type { Finding, FuzzResult, FuzzSides } from './fuzz-result.ts';
import type { CaseRunner } from './run-case.ts';
import { SideSession } from './side-session.ts';

/** Generated cases a fuzz run tries by default. @public */
export const DEFAULT_FUZZ_RUNS = 1000;

/** What {@link fuzzContract} takes. @public */
export interface FuzzOptions {
  readonly contract: Contract;
  readonly sides: FuzzSides;
  /** Budget of generated cases (default {@link DEFAULT_FUZZ_RUNS}); shrinking steps are not counted. */
  readonly runs?: number;
  /** fast-check seed; fast-check picks one when absent (the result says which). */
  readonly seed?: number;
  /** With `seed`: replay exactly the one case at this fast-check path (no corpus, no search, nothing written). */
  readonly path?: string;
  /** Regression corpus, replayed before the search; new counterexamples are written to it per `update`. */
  readonly corpus?: CorpusStore;
  /** Default `new`. */
  readonly update?: UpdateMode;
  /** Remove corpus cases that agree now or no longer fit the contract (always in `all` mode). */
  readonly prune?: boolean;
  /** Generator overrides (e.g. a field of IANA time zones), time zones for DST edges, edge bias. */
  readonly arbitraries?: ArbitraryOptions;
  readonly history?: HistoryLimits;
  /** The date stored as `found` in new corpus cases. */
  readonly now?: () => Date;
  /** A millisecond clock for `durationMs`. */
  readonly clock?: () => number;
  /** Called as each finding is made (corpus findings first). */
  readonly onFinding?: (finding: Finding) => void;
}

function checkOptions(o: FuzzOptions): number {
  const runs = o.runs ?? DEFAULT_FUZZ_RUNS;
  if (!Number.isInteger(runs) || runs < 1) {
    throw new SkewError('SKEW_USAGE', `fuzzContract: runs must be a positive integer, got ${runs}`);
  }
  if (o.seed !== undefined && !Number.isInteger(o.seed)) {
    throw new SkewError('SKEW_USAGE', `fuzzContract: seed must be an integer, got ${o.seed}`);
  }
  if (o.path !== undefined && (o.seed === undefined || !/^\d+(:\d+)*$/.test(o.path))) {
    throw new SkewError('SKEW_USAGE', `fuzzContract: path "${o.path}" needs a seed and the form 12:0:3`);
  }
  return runs;
}

/**
 * Fuzzes a contract: replays the regression corpus first, then runs up to `runs` generated inputs (or entity
 * histories, when a side is entity-wise) through both sides — each case one batch, each side started once — and
 * reports every distinct divergence class once, shrunk to a minimal input with the seed and path that replay it.
 * A side error on a generated input is a finding of kind `error`. Search details: see `searchClasses`. A side
 * instance is started if needed and never closed (its creator closes it); a factory's sides are started and closed.
 * @param options - contract, sides, budget, seed or seed+path, corpus and update mode
 * @returns the findings as data; `status` is `diverged` when there is any
 * @throws SkewError `SKEW_USAGE` for bad options, `SKEW_CONTRACT_INVALID` when histories are needed and the
 *   contract has no entity or no timestamp field, `SKEW_IMPL_START` when a side cannot start
 * @remarks Since 0.1
 * @public
 */
export async function fuzzContract(options: FuzzOptions): Promise<FuzzResult> {
  const budget = checkOptions(options);
  const { contract } = options;
  const clock = options.clock ?? (() => 0);
  const started = clock();
  const training = await SideSession.open('training', options.sides.training);
  const serving = await SideSession.open('serving', options.sides.serving);
  const shape = training.shape === 'entity' || serving.shape === 'entity' ? 'history' : 'record';
  let arbitrary: ReturnType<typeof caseArbitrary>;
  try {
    requireEntity(contract, { training, serving }, 'fuzzContract');
    arbitrary = caseArbitrary(contract, shape, options);
  } catch (error) {
    await Promise.all([training.close(), serving.close()]); // the probes a factory made
    throw error;
  }
  const runner: CaseRunner = { contract, compare: compileComparator(contract), training, serving, nextId: 1 };
  const schema = contract.input as z.ZodType;
  const inputsOf = (value: unknown) => {
    const inputs = shape === 'history' ? (value as unknown[]) : [value];
    // Generators are schema-valid by construction; a slip would make every finding a false alarm, so check.
    const bad = inputs.find((input) => !validateInput(schema, input).success);
    if (bad !== undefined) {
      throw new SkewError(
        'SKEW_INTERNAL',
        `fuzzContract: the generator made an input the schema rejects: ${formatValue(bad)}`,
      );
    }
    return inputs;
  };
  // The schema's bounds come first, so a maximum or a length limit is met in the first cases whatever the seed.
  const examples = boundaryCases(contract, shape, arbitrary, Object.keys(options.arbitraries?.overrides ?? {}));
  const search = {
    runner,
    arbitrary,
    inputsOf,
    examples,
    ...(options.onFinding ? { onFinding: options.onFinding } : {}),
  };
  const known = new Set<string>();
  let replay: CorpusReplay = { findings: [], stillDiverging: 0, fixed: [], stale: [] };
  let out: SearchOutput;
  let corpus: FuzzResult['corpus'];
  try {
    if (options.path !== undefined) {
      out = await replayPath(search, options.seed as number, options.path);
    } else {
      const existing = options.corpus === undefined ? [] : await options.corpus.read(contract.name);
      replay = await replayCorpus(runner, existing, known);
      for (const f of replay.findings) options.onFinding?.(f);
      out = await searchClasses({
        ...search,
        runs: budget,
        known,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
      });
      if (options.corpus !== undefined) {
        const update = {
          store: options.corpus,
          contract,
          mode: options.update ?? 'new',
          prune: options.prune === true,
          shape,
          found: options.now?.().toISOString() ?? 'unknown',
          existing,
        } as const;
        const updated = await updateCorpus(update, out.findings, replay);
        out = { ...out, findings: updated.findings };
        corpus = {
          location: options.corpus.describe(contract.name),
          replayed: existing.length,
          stillDiverging: replay.stillDiverging,
          fixed: replay.fixed,
          stale: replay.stale,
          written: updated.written,
          removed: updated.removed,
        };
      }
    }
  } finally {
    await Promise.all([training.close(), serving.close()]);
  }
  const findings = [...replay.findings, ...out.findings];
  return {
    contract: { name: contract.name, version: contract.version },
    sides: { training: training.description, serving: serving.description },
    status: findings.length > 0 ? 'diverged' : 'pass',
    shape,
    runs: out.runs,
    budget,
    seed: out.seed,
    shrinks: out.shrinks,
    findings,
    ...(corpus === undefined ? {} : { corpus }),
    ...(runner.unavailable === undefined ? {} : { unavailable: runner.unavailable }),
    durationMs: clock() - started,
  };
}
