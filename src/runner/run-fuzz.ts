import { resolve } from 'node:path';
import type { ContractBinding, SideSpec } from '../config/define-config.ts';
import { refuseFeatureFile } from '../config/feature-file-spec.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { fuzzContract } from '../fuzz/fuzz-contract.ts';
import type { FuzzResult, SideFactory } from '../fuzz/fuzz-result.ts';
import type { Side } from '../implementations/side.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';
import { fsCorpusStore } from '../snapshot/fs-corpus-store.ts';
import { redactedFuzzResult } from './redactor-for.ts';
import { resolveSide } from './resolve-side.ts';
import { selectBindings } from './select-bindings.ts';

/** What `runFuzz` takes: a loaded config plus what a CLI user gave. @public */
export interface RunFuzzOptions {
  readonly config: LoadedConfig;
  readonly cwd: string;
  /** Only the contract with this name (required with `path` when the config has several). */
  readonly contract?: string;
  readonly training?: SideSpec;
  readonly serving?: SideSpec;
  readonly runs?: number;
  readonly seed?: number;
  readonly path?: string;
  /** The snapshots folder (relative to `cwd`), default `snapshots`; the corpus is `<dir>/<contract>/fuzz-corpus`. */
  readonly snapshotDir?: string;
  readonly update: UpdateMode;
  readonly prune?: boolean;
  readonly now?: () => Date;
  readonly clock?: () => number;
  /** Called with each contract's result as soon as it is done. */
  readonly onResult?: (result: FuzzResult, contract: Contract) => void | Promise<void>;
}

async function side(
  name: 'training' | 'serving',
  flag: SideSpec | undefined,
  binding: ContractBinding,
  root: string,
): Promise<Side | SideFactory> {
  const spec = flag ?? binding.fuzz?.[name] ?? binding[name];
  if (spec === 'logged') {
    throw new SkewError(
      'SKEW_USAGE',
      `runFuzz: the ${name} side of contract "${binding.contract.name}" is 'logged' (features served in production), ` +
        `which cannot compute generated inputs; give fuzz.${name} in the config or --${name} <command>`,
    );
  }
  const side = `the ${name} side of contract "${binding.contract.name}"`;
  refuseFeatureFile(spec, 'runFuzz', side, `give fuzz.${name} in the config or --${name} <command>`);
  // One child per side is enough: a fuzz run sends one case at a time.
  const defaults = { root, concurrency: 1, contract: binding.contract };
  return typeof spec === 'function' ? spec : await resolveSide(spec, defaults);
}

/** fuzzContract never closes a side instance it is given; this run resolved them from its config, so it does. */
async function closeInstances(sides: Readonly<Record<string, Side | SideFactory>>): Promise<void> {
  const instances = new Set(Object.values(sides).filter((s): s is Side => typeof s !== 'function'));
  await Promise.allSettled([...instances].map((s) => s.close?.()));
}

/**
 * Fuzzes every contract of a config (or the one selected), replaying and updating each one's regression corpus.
 * The same function the CLI calls. A binding may carry `fuzz: FuzzSettings` (sides, generator overrides, budget).
 * The config's side instances (and those built from `--training`/`--serving`) are closed when their contract is
 * done, as a replay does: load the config again for another run.
 * @throws SkewError `SKEW_USAGE` for an unknown contract, a `logged` side, or a path without one contract
 * @remarks Since 0.1
 * @public
 */
export async function runFuzz(options: RunFuzzOptions): Promise<FuzzResult[]> {
  const bindings = selectBindings(options.config, options.contract, 'runFuzz');
  if (options.path !== undefined && bindings.length > 1) {
    throw new SkewError('SKEW_USAGE', 'runFuzz: --path replays one case of one contract; add --contract <name>');
  }
  const corpus = fsCorpusStore(resolve(options.cwd, options.snapshotDir ?? 'snapshots'));
  const results: FuzzResult[] = [];
  for (const binding of bindings) {
    const root = options.config.root;
    const runs = options.runs ?? binding.fuzz?.runs;
    const sides = {
      training: await side('training', options.training, binding, root),
      serving: await side('serving', options.serving, binding, root),
    };
    const result = await fuzzContract({
      contract: binding.contract,
      sides,
      corpus,
      update: options.update,
      prune: options.prune === true,
      ...(runs === undefined ? {} : { runs }),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(binding.fuzz?.arbitraries === undefined ? {} : { arbitraries: binding.fuzz.arbitraries }),
      ...(binding.fuzz?.history === undefined ? {} : { history: binding.fuzz.history }),
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.clock === undefined ? {} : { clock: options.clock }),
    })
      .then(redactedFuzzResult(binding))
      .finally(() => closeInstances(sides));
    results.push(result);
    await options.onResult?.(result, binding.contract);
  }
  return results;
}
