import { resolve } from 'node:path';
import type { ContractBinding, SideSpec } from '../config/define-config.ts';
import { isFeatureFileSpec, refuseFeatureFile } from '../config/feature-file-spec.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { SkewError } from '../errors.ts';
import type { SideFactory } from '../fuzz/fuzz-result.ts';
import { buildVerdict } from '../gate/build-verdict.ts';
import { goldenVerdict } from '../gate/golden-verdict.ts';
import type { Verdict } from '../gate/verdict.ts';
import { checkGolden } from '../golden/check-golden.ts';
import { goldenCasesFromCorpus } from '../golden/corpus-cases.ts';
import type { GoldenCaseSpec, GoldenResult } from '../golden/golden-result.ts';
import type { Side } from '../implementations/side.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { fsCorpusStore } from '../snapshot/fs-corpus-store.ts';
import { fsGoldenStore } from '../snapshot/fs-golden-store.ts';
import { redactedGoldenResult } from './redactor-for.ts';
import { resolveSide } from './resolve-side.ts';
import { selectBindings } from './select-bindings.ts';

/** What `runGolden` takes: a loaded config plus what a CLI user gave. @public */
export interface RunGoldenOptions {
  readonly config: LoadedConfig;
  readonly cwd: string;
  /** Only the contract with this name. */
  readonly contract?: string;
  /** The snapshots folder (relative to `cwd`), default `snapshots`; the file is `<dir>/<contract>/golden.jsonl`. */
  readonly snapshotDir?: string;
  readonly update: UpdateMode;
  readonly prune?: boolean;
  /** Rewrite stored values (`-u`) under an unchanged contract version; recorded in the golden file. */
  readonly acceptWithoutBump?: boolean;
  /** Cases to check besides the configured ones, by contract name (e.g. picked from a log by `--from-log`). */
  readonly extraCases?: Readonly<Record<string, readonly GoldenCaseSpec[]>>;
  /** Called with each contract's result as soon as it is done. */
  readonly onResult?: (result: GoldenResult) => void | Promise<void>;
}

/** The results of a golden run and its verdict. @public */
export interface GoldenRun {
  readonly results: readonly GoldenResult[];
  readonly verdict: Verdict;
}

function sideSpec(name: 'training' | 'serving', binding: ContractBinding): SideSpec {
  const spec = binding[name];
  if (spec === 'logged') {
    throw new SkewError(
      'SKEW_USAGE',
      `runGolden: the ${name} side of contract "${binding.contract.name}" is 'logged' (features served in production), ` +
        `which cannot compute golden cases; give a side that computes (a command, an endpoint, an in-process side)`,
    );
  }
  refuseFeatureFile(spec, 'runGolden', `the ${name} side of contract "${binding.contract.name}"`, COMPUTES);
  return spec;
}

/**
 * The side golden computes with: the binding's factory under `fuzz` when it has one (a fresh side for every case, so
 * a stateful side such as an online store starts empty each time, as in fuzz), else the side the binding names.
 */
async function goldenSide(
  name: 'training' | 'serving',
  binding: ContractBinding,
  root: string,
): Promise<Side | SideFactory> {
  const factory = binding.fuzz?.[name];
  if (typeof factory === 'function') return factory;
  return resolveSide(sideSpec(name, binding), { root, concurrency: 1, contract: binding.contract });
}

/** Whether both sides of a binding compute (a `logged` side or a features file cannot compute corpus cases). */
const computes = (b: ContractBinding): boolean =>
  b.training !== 'logged' && b.serving !== 'logged' && !isFeatureFileSpec(b.training) && !isFeatureFileSpec(b.serving);

const COMPUTES = 'give a side that computes (a command, an endpoint, an in-process side)';

/** Whether a check found anything golden: a case checked, recorded, missing or failing. */
function hasGolden(r: GoldenResult): boolean {
  const { counts } = r;
  const checked = counts.added + counts.matched + counts.unmatched + counts.updated;
  return checked > 0 || r.missing.length > 0 || r.errors.length > 0 || r.written;
}

/**
 * Checks the golden cases of every contract in a config that has some (or the one selected), against
 * `<snapshotDir>/<contract>/golden.jsonl`, and decides the verdict. Each fuzz-corpus counterexample
 * (`<snapshotDir>/<contract>/fuzz-corpus`) is offered as a case `corpus/<key>`: it becomes golden once both sides
 * agree on it, and is skipped (reported as such) while they disagree. The same function `lockstep golden` calls. The
 * config's side instances are closed when their contract is done.
 * @throws SkewError `SKEW_USAGE` for an unknown contract or a `logged` side
 * @remarks Since 0.1
 * @public
 */
export async function runGolden(options: RunGoldenOptions): Promise<GoldenRun> {
  const bindings = selectBindings(options.config, options.contract, 'runGolden');
  const snapshots = resolve(options.cwd, options.snapshotDir ?? 'snapshots');
  const store = fsGoldenStore(snapshots);
  const corpus = fsCorpusStore(snapshots);
  const results: GoldenResult[] = [];
  for (const binding of bindings) {
    const extra = Object.hasOwn(options.extraCases ?? {}, binding.contract.name)
      ? (options.extraCases?.[binding.contract.name] ?? [])
      : [];
    const cases = [...(binding.golden ?? []), ...extra];
    const offered = computes(binding) ? goldenCasesFromCorpus(await corpus.read(binding.contract.name)) : [];
    const storedText = await store.read(binding.contract.name);
    const existed = storedText !== undefined;
    if (cases.length === 0 && offered.length === 0 && !existed) continue;
    const training = await goldenSide('training', binding, options.config.root);
    const serving = await goldenSide('serving', binding, options.config.root);
    try {
      const shown = redactedGoldenResult(binding, [...cases, ...offered], storedText);
      const result = await checkGolden({
        contract: binding.contract,
        cases: [...cases, ...offered],
        sides: { training, serving },
        store,
        update: options.update,
        prune: options.prune === true,
        acceptWithoutBump: options.acceptWithoutBump === true,
      }).then(shown);
      // Only a corpus whose every counterexample the sides still disagree on: nothing golden yet (fuzz reports them).
      if (cases.length === 0 && !existed && !hasGolden(result)) continue;
      results.push(result);
      await options.onResult?.(result);
    } finally {
      const instances = new Set([training, serving].filter((s): s is Side => typeof s !== 'function'));
      await Promise.allSettled([...instances].map((s) => s.close?.()));
    }
  }
  // No contract with golden cases or a golden file: the stage is skipped, and the verdict says so.
  const verdict =
    results.length === 0 ? buildVerdict({ reasons: [], stages: { golden: 'skipped' } }) : goldenVerdict(results);
  return { results, verdict };
}
