import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Contract } from '../contract/contract.ts';
import { extraFieldsOf } from '../contract/extra-fields.ts';
import { redactFieldsProblem } from '../contract/redact-fields.ts';
import { SkewError } from '../errors.ts';
import { resolveContractFiles } from './contract-files.ts';
import type { LockstepConfig, LockstepConfigSpec } from './define-config.ts';
import { explainLoadError, importConfigModule } from './import-config-module.ts';
import { sideSpecProblem } from './side-spec-problem.ts';

/** Default config file names, looked up in the working directory in this order. */
export const CONFIG_FILES: readonly string[] = [
  'lockstep.config.ts',
  'lockstep.config.mts',
  'lockstep.config.cts',
  'lockstep.config.js',
  'lockstep.config.mjs',
  'lockstep.config.cjs',
];

/** A loaded config and the folder its relative paths are resolved against. @public */
export interface LoadedConfig {
  readonly config: LockstepConfig;
  readonly path: string;
  readonly root: string;
}

/** A config value as a message shows it: JSON when it has a JSON form, else its type. */
function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function fail(message: string, cause?: unknown): never {
  throw new SkewError('SKEW_CONFIG_INVALID', message, cause === undefined ? {} : { cause });
}

/**
 * Loads `lockstep.config.{ts,mts,cts,js,mjs,cjs}` in an ESM or a CommonJS package (TypeScript and ESM syntax are
 * loaded with tsx) and checks its shape. Every call evaluates the file afresh, so that state its sides hold does not
 * leak from one run into the next.
 * @throws SkewError `SKEW_CONFIG_INVALID` saying what to fix
 * @public
 */
export async function loadConfig(path: string | undefined, cwd: string): Promise<LoadedConfig> {
  const file =
    path === undefined ? CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f)) : resolve(cwd, path);
  if (file === undefined)
    fail(`loadConfig: no config file found in ${cwd} (looked for ${CONFIG_FILES.join(', ')}); pass --config <file>`);
  if (!existsSync(file)) fail(`loadConfig: config file ${file} does not exist`);
  if (statSync(file).isDirectory()) fail(`loadConfig: ${file} is a directory; pass the config file itself`);
  let module: Record<string, unknown>;
  try {
    module = await importConfigModule(file);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    fail(`loadConfig: ${file} failed to load: ${detail}\n  → ${explainLoadError(file, error)}`, error);
  }
  const config = [module.default, module.config].find((c) => c !== null && typeof c === 'object' && 'contracts' in c) as
    | LockstepConfigSpec
    | undefined;
  if (config === undefined) {
    const names = Object.keys(module.default !== null && typeof module.default === 'object' ? module.default : module);
    fail(
      `loadConfig: ${file} must export its config as \`export default defineConfig({...})\`, \`export const config\` or ` +
        `\`module.exports = defineConfig({...})\` (it exports: ${names.join(', ') || 'nothing'})`,
    );
  }
  if (!Array.isArray(config.contracts) || config.contracts.length === 0) {
    fail(`loadConfig: ${file}: "contracts" must be a non-empty array of { contract, training, serving, logs }`);
  }
  config.contracts.forEach((binding, i) => {
    const where = `${file}: contracts[${i}]`;
    const contract: unknown = binding?.contract;
    const made =
      typeof contract === 'object' && contract !== null && Array.isArray((contract as Contract).featureNames);
    if (typeof contract !== 'string' && !made)
      fail(`loadConfig: ${where}.contract must be a contract made with defineContract, or a contract file's path`);
    for (const side of ['training', 'serving'] as const) {
      if (binding[side] === undefined)
        fail(`loadConfig: ${where}.${side} is missing (a side: in-process, command, http, features or 'logged')`);
      const problem = sideSpecProblem(binding[side]);
      if (problem !== undefined) fail(`loadConfig: ${where}.${side}${problem.startsWith('.') ? '' : ' '}${problem}`);
    }
    const { logs } = binding as { logs?: unknown };
    if (logs !== undefined && !(Array.isArray(logs) && logs.every((l) => typeof l === 'string' && l !== '')))
      fail(`loadConfig: ${where}.logs must be an array of log paths, e.g. ['logs/day-1.jsonl'], got ${describe(logs)}`);
  });
  const resolved = await resolveContractFiles(config, file);
  // A contract's name keys its snapshots, history and report: listed twice, one run would overwrite the other's.
  const firstOf = new Map<string, number>();
  resolved.contracts.forEach((binding, i) => {
    const first = firstOf.get(binding.contract.name);
    if (first !== undefined)
      fail(
        `loadConfig: ${file}: contracts[${i}] is contract "${binding.contract.name}" again (as contracts[${first}]); list each contract once (its logs: one list)`,
      );
    firstOf.set(binding.contract.name, i);
  });
  resolved.contracts.forEach((binding, i) => {
    if (binding.redact === undefined) return;
    const { contract } = binding;
    const open = extraFieldsOf(contract) === 'keep';
    const problem = redactFieldsProblem(binding.redact, Object.keys(contract.input.shape), open);
    if (problem !== undefined) fail(`loadConfig: ${file}: contracts[${i}].redact: ${problem}`);
  });
  return { config: resolved, path: file, root: dirname(file) };
}
