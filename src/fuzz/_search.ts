import type { Arbitrary } from 'fast-check';
import fc from 'fast-check';
import { SkewError } from '../errors.ts';
import { reduceCase } from './_reduce-case.ts';
import type { Finding } from './fuzz-result.ts';
import { type CaseRunner, type Observation, runCase } from './run-case.ts';

/** What a search needs. @internal */
export interface SearchInput {
  readonly runner: CaseRunner;
  readonly arbitrary: Arbitrary<unknown>;
  /** The inputs of a generated value: `[record]` or the history itself. */
  readonly inputsOf: (value: unknown) => readonly unknown[];
  readonly runs: number;
  readonly seed?: number;
  /** Classes already reported (from the corpus); the search looks for others. */
  readonly known: Set<string>;
  readonly onFinding?: (finding: Finding) => void;
  /** Runs spent reducing each minimal history further (dropping events, simplifying fields). Default 120. */
  readonly reduceSteps?: number;
  /**
   * Cases run before any generated one (the schema's boundaries): fast-check's `examples`, so that a seed and path
   * still name a case among them. Each is run once; later rounds pass over it.
   */
  readonly examples?: readonly unknown[];
}

/** What a search found. @internal */
export interface SearchOutput {
  readonly findings: Finding[];
  readonly runs: number;
  readonly seed: number;
  readonly shrinks: number;
}

interface Round {
  target?: string;
  original?: unknown;
  hit?: Observation;
  fatal?: unknown;
}

function finding(round: Round, value: unknown, seed: number, path: string, foundAfterRuns: number): Finding {
  const { key: _key, event, ...hit } = round.hit as Observation;
  return {
    ...hit,
    minimalInput: value,
    originalInput: round.original,
    ...(Array.isArray(value) ? { event } : {}),
    seed,
    path,
    foundAfterRuns,
    source: 'search',
  };
}

/**
 * Searches for every distinct divergence class within a budget of generated cases, in rounds. In each round the
 * property fails on the first case that shows a class not seen yet; that class becomes the round's target and
 * fast-check shrinks the case while the target persists (a shrink that only shows other classes counts as
 * passing). The minimal case becomes a finding, its class is marked seen, and the next round starts from the next
 * seed with the budget left (a case already generated is never run again). Every finding keeps the seed and path
 * of its own round, so `fc.check` with that seed and path replays exactly its minimal input.
 * @internal
 */
export async function searchClasses(input: SearchInput): Promise<SearchOutput> {
  const findings: Finding[] = [];
  let used = 0;
  let shrinks = 0;
  let seed = input.seed;
  let baseSeed: number | undefined;
  const examples = (input.examples ?? []).map((e) => [e] as [unknown]);
  const exampleIndex = new Map((input.examples ?? []).map((e, i) => [e, i]));
  // Classes a boundary example showed: a generated case that shows one too is shrunk as usual; those no generated
  // case shows are reported at the end with the example itself (its path is its index, so a seed and path replay it).
  const pending = new Map<string, { value: unknown; hit: Observation; index: number }>();
  let firstRound = true;
  while (used < input.runs) {
    const round: Round = {};
    const property = fc.asyncProperty(input.arbitrary, async (value) => {
      if (round.fatal !== undefined) return true;
      const index = exampleIndex.get(value);
      if (index !== undefined) {
        // An example never fails the property (it cannot be shrunk); it is run once, in the first round.
        if (!firstRound) return true;
        try {
          for (const o of await runCase(input.runner, input.inputsOf(value))) {
            if (!input.known.has(o.key) && !pending.has(o.key)) pending.set(o.key, { value, hit: o, index });
          }
        } catch (error) {
          round.fatal = error;
        }
        return true;
      }
      try {
        const observed = await runCase(input.runner, input.inputsOf(value));
        if (round.target === undefined) {
          const fresh = observed.find((o) => !input.known.has(o.key));
          if (fresh === undefined) return true;
          round.target = fresh.key;
          round.original = value;
          round.hit = fresh;
          return false;
        }
        const hit = observed.find((o) => o.key === round.target);
        if (hit !== undefined) round.hit = hit;
        return hit === undefined;
      } catch (error) {
        round.fatal = error;
        return true;
      }
    });
    const details = await fc.check(property, {
      numRuns: input.runs - used,
      examples,
      ...(seed === undefined ? {} : { seed }),
    });
    firstRound = false;
    if (round.fatal !== undefined) throw round.fatal;
    baseSeed ??= details.seed;
    used += details.numRuns;
    if (!details.failed) break;
    if (round.target === undefined || details.counterexample === null || details.counterexamplePath === null) {
      throw new SkewError('SKEW_INTERNAL', 'fuzzContract: fast-check failed without a counterexample', {
        cause: details.errorInstance,
      });
    }
    shrinks += details.numShrinks;
    let found = finding(round, details.counterexample[0], details.seed, details.counterexamplePath, used);
    if (Array.isArray(found.minimalInput) && round.hit !== undefined) {
      const reduced = await reduceCase(
        input.runner,
        found.minimalInput,
        round.target,
        round.hit,
        input.reduceSteps ?? 120,
      );
      shrinks += reduced.steps;
      round.hit = reduced.hit;
      found = {
        ...finding(round, reduced.inputs, details.seed, details.counterexamplePath, used),
        reducedFrom: found.minimalInput.length,
      };
    }
    findings.push(found);
    input.known.add(round.target);
    input.onFinding?.(found);
    seed = (details.seed + 1) | 0;
  }
  for (const [key, p] of pending) {
    if (input.known.has(key)) continue;
    const found = finding(
      { hit: p.hit, original: p.value },
      p.value,
      baseSeed ?? input.seed ?? 0,
      String(p.index),
      p.index + 1,
    );
    findings.push(found);
    input.known.add(key);
    input.onFinding?.(found);
  }
  return { findings, runs: used, seed: baseSeed ?? input.seed ?? 0, shrinks };
}

/**
 * Replays the one case at `seed` and `path` exactly (no further shrinking) and reports every class it shows.
 * @internal
 */
export async function replayPath(
  input: Pick<SearchInput, 'runner' | 'arbitrary' | 'inputsOf' | 'onFinding' | 'reduceSteps' | 'examples'>,
  seed: number,
  path: string,
): Promise<SearchOutput> {
  let value: unknown;
  let observed: Observation[] = [];
  let fatal: unknown;
  const property = fc.asyncProperty(input.arbitrary, async (v) => {
    try {
      value = v;
      observed = await runCase(input.runner, input.inputsOf(v));
      return observed.length === 0;
    } catch (error) {
      fatal = error;
      return true;
    }
  });
  const examples = (input.examples ?? []).map((e) => [e] as [unknown]);
  await fc.check(property, { seed, path, numRuns: 1, endOnFailure: true, examples });
  if (fatal !== undefined) throw fatal;
  const findings: Finding[] = [];
  let shrinks = 0;
  for (const hit of observed) {
    // The same deterministic reduction as the search, so the replay shows exactly the finding it printed.
    const reduced = Array.isArray(value)
      ? await reduceCase(input.runner, value, hit.key, hit, input.reduceSteps ?? 120)
      : undefined;
    shrinks += reduced?.steps ?? 0;
    const { key: _key, event, ...o } = reduced?.hit ?? hit;
    const f: Finding = {
      ...o,
      minimalInput: reduced?.inputs ?? value,
      originalInput: value,
      ...(Array.isArray(value) ? { event, reducedFrom: value.length } : {}),
      seed,
      path,
      foundAfterRuns: 1,
      source: 'replay',
    };
    input.onFinding?.(f);
    findings.push(f);
  }
  return { findings, runs: 1, seed, shrinks };
}
