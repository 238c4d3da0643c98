import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ContractBinding } from '../config/define-config.ts';
import type { LoadedConfig } from '../config/load-config.ts';
import { contractDefinitionSite } from '../contract/definition-site.ts';
import type { FeatureSpec } from '../contract/feature-spec.ts';
import type { ContractInfo, FeatureTolerance, RunCommand, RunInfo } from '../report/run-info.ts';

/** What the CLI (or an API caller) tells a run about how it was started. @public */
export interface Invocation {
  /** The command line, e.g. `["lockstep", "replay", "--shard", "1/4"]`; default: none recorded. */
  readonly commandLine?: readonly string[];
  /** The wall clock for start and end times; default `new Date()`. */
  readonly clock?: () => Date;
}

/** Lockstep's own package.json: the nearest one named "lockstep" above `dir`. */
function ownVersion(dir: string): string {
  for (let at = dir; ; at = dirname(at)) {
    const path = join(at, 'package.json');
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'lockstep' && typeof pkg.version === 'string') return pkg.version;
    }
    if (dirname(at) === at) return 'unknown';
  }
}

let version: string | undefined;

/**
 * The version in Lockstep's own package.json: the nearest one named "lockstep" above this module (src/runner/ in a
 * checkout, dist/ once built and installed).
 * @internal
 */
export function lockstepVersion(): string {
  version ??= ownVersion(dirname(fileURLToPath(import.meta.url)));
  return version;
}

/** `git rev-parse HEAD` in `cwd`; undefined outside a repository, without git, or when git does not answer. */
async function gitCommit(cwd: string): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd, timeout: 5_000 });
    const sha = stdout.trim();
    return /^[0-9a-f]{40,64}$/.test(sha) ? sha : undefined;
  } catch {
    return undefined;
  }
}

/** A path relative to `cwd` when it lies inside it (what CI annotations and reports want), else absolute. */
function display(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The line of each feature's key (`name:` or `'name':`) in the declaration: searched from its `features:` key (so that
 * an input field of the same name is not taken for the feature), or from the `defineContract` line when the features
 * come from elsewhere.
 */
function featureLines(file: string, from: number, features: readonly string[]): Record<string, number> {
  let lines: string[];
  try {
    lines = readFileSync(file, 'utf8').split('\n');
  } catch {
    return {};
  }
  const block = lines.findIndex((line, i) => i >= from - 1 && /^\s*features\s*:\s*\{/.test(line));
  const start = block >= 0 ? block : from - 1;
  const found: Record<string, number> = {};
  for (const feature of features) {
    const key = new RegExp(`^\\s*(['"]?)${escapeRegExp(feature)}\\1\\s*:`);
    const at = lines.findIndex((line, i) => i >= start && key.test(line));
    if (at >= 0) found[feature] = at + 1;
  }
  return found;
}

/** The tolerance each float, timestamp or element-wise vector feature declares (charts draw it as a band). */
function declaredTolerances(features: Readonly<Record<string, FeatureSpec>>): Record<string, FeatureTolerance> {
  const found: Record<string, FeatureTolerance> = {};
  for (const [name, spec] of Object.entries(features)) {
    if (spec.type === 'timestamp' && spec.tolerance !== undefined) {
      found[name] = { abs: spec.tolerance.ms, rel: 0, rule: 'numpy' };
    } else if ((spec.type === 'float' || spec.type === 'vector') && spec.tolerance !== undefined) {
      const t = spec.tolerance;
      if ('mode' in t && t.mode !== 'elementwise') continue;
      found[name] = { abs: t.abs ?? 0, rel: t.rel ?? 0, rule: t.rule ?? 'numpy' };
    }
  }
  return found;
}

function contractInfo(binding: ContractBinding, config: LoadedConfig, cwd: string): ContractInfo {
  const { contract } = binding;
  const site = contractDefinitionSite(contract);
  const lines = site?.line === undefined ? {} : featureLines(site.file, site.line, contract.featureNames);
  const tolerances = declaredTolerances(contract.features);
  return {
    name: contract.name,
    version: contract.version,
    features: contract.featureNames,
    definedAt: site === undefined ? { file: display(cwd, config.path) } : { ...site, file: display(cwd, site.file) },
    featureLines: lines,
    ...(Object.keys(tolerances).length === 0 ? {} : { tolerances }),
  };
}

/**
 * Everything a report's history needs about a run, gathered at its start (`endedAt` is the start time until the
 * run sets it): Lockstep's version, the git commit, the command line, the config and each contract's declaration.
 * @param command - the gate stage (command) that runs
 * @param config - the loaded config
 * @param bindings - the contracts this run covers
 * @internal
 */
export async function gatherRunInfo(
  command: RunCommand,
  options: {
    readonly config: LoadedConfig;
    readonly cwd: string;
    readonly bindings: readonly ContractBinding[];
    readonly shard?: { readonly index: number; readonly count: number };
    readonly invocation?: Invocation;
  },
): Promise<RunInfo> {
  const { config, cwd, invocation } = options;
  const commit = await gitCommit(cwd);
  const startedAt = (invocation?.clock ?? (() => new Date()))().toISOString();
  return {
    command,
    lockstepVersion: lockstepVersion(),
    ...(commit === undefined ? {} : { gitCommit: commit }),
    commandLine: invocation?.commandLine ?? [],
    cwd,
    config: display(cwd, config.path),
    contracts: options.bindings.map((b) => contractInfo(b, config, cwd)),
    // The runner's shard is 0-based; a report says it as the user wrote it (`--shard 1/4`).
    ...(options.shard === undefined ? {} : { shard: { index: options.shard.index + 1, count: options.shard.count } }),
    startedAt,
    endedAt: startedAt,
  };
}

/**
 * The run info with its end time.
 * @internal
 */
export function finishRunInfo(run: RunInfo, invocation: Invocation | undefined): RunInfo {
  return { ...run, endedAt: (invocation?.clock ?? (() => new Date()))().toISOString() };
}
