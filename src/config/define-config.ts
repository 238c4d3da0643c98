import type { Contract } from '../contract/contract.ts';
import type { FuzzSettings } from '../fuzz/fuzz-settings.ts';
import type { GoldenCaseSpec } from '../golden/golden-result.ts';
import type { CommandSideOptions } from '../implementations/command-side.ts';
import type { FeatureFileSideOptions } from '../implementations/feature-file-side.ts';
import type { FrameSideOptions } from '../implementations/frame-side.ts';
import type { HttpSideOptions } from '../implementations/http-side.ts';
import type { Side } from '../implementations/side.ts';
import type { LogFormat } from '../replay/log-format.ts';

/**
 * A child process speaking the line protocol (docs/protocol.md): `commandSide`'s options; or, with `protocol: 'arrow'`,
 * a frame side taking Arrow batches (`frameSide`'s options; the contract is the binding's).
 * @public
 */
export type CommandSideSpec = CommandSideOptions | FrameSideSpec;

/** A child process taking Arrow batches (docs/protocol.md, "Frame sides (Arrow)"): pandas or polars code. @public */
export type FrameSideSpec = Omit<FrameSideOptions, 'contract'> & { readonly protocol: 'arrow' };

/** An HTTP endpoint that takes batches of inputs as JSON (docs/protocol.md): `httpSide`'s options, `url` as `http`. @public */
export type HttpSideSpec = Omit<HttpSideOptions, 'url'> & { readonly http: string };

/**
 * Features a batch job computed offline for the logged records, joined by record id: `featureFileSide`'s options,
 * `path` as `features` (a `.parquet` file or folder, `.jsonl` or `.jsonl.gz`).
 * @public
 */
export type FeatureFileSpec = Omit<FeatureFileSideOptions, 'path'> & { readonly features: string };

/**
 * How a side is given in a config: an in-process `Side`, the `logged` features, a command, an HTTP endpoint or a file
 * of precomputed features.
 * @public
 */
export type SideSpec = Side | 'logged' | CommandSideSpec | HttpSideSpec | FeatureFileSpec;

/** One contract with its two sides and its logs. Relative paths are resolved against the config file's folder. @public */
export interface ContractBinding {
  readonly contract: Contract;
  readonly training: SideSpec;
  readonly serving: SideSpec;
  /** JSONL or .jsonl.gz production logs to replay. */
  readonly logs?: readonly string[];
  readonly format?: Partial<LogFormat>;
  readonly batchSize?: number;
  /** What `lockstep fuzz` needs beyond replay: fresh sides per case, generator overrides, budget. */
  readonly fuzz?: FuzzSettings;
  /** Golden cases written by hand: `lockstep golden` checks each side's features against those it recorded. */
  readonly golden?: readonly GoldenCaseSpec[];
  /**
   * Input fields (dotted paths) replaced by a stable hash in every output of this contract's runs, besides those the
   * contract's own `redact` names; the comparison still sees the real values (see `Contract.redact`).
   */
  readonly redact?: readonly string[];
  /**
   * A TypeScript file `lockstep types` generated from this contract (relative to the config): `lockstep check` fails
   * when it is stale, naming the command that regenerates it.
   */
  readonly types?: string;
  /**
   * A/A calibration on every replay of this contract, as `--aa` asks for it: each side first runs against itself, twice
   * with fresh state, and features that differ from themselves are reported as nondeterministic.
   */
  readonly aa?: boolean;
}

/**
 * A binding as a config writes it: the contract as an object, or as the path of a contract file (`.json`, `.yaml`;
 * docs/contracts.md) relative to the config, which `loadConfig` loads.
 * @public
 */
export type ContractBindingSpec = Omit<ContractBinding, 'contract'> & { readonly contract: Contract | string };

/** The contents of `lockstep.config.ts`. @public */
export interface LockstepConfig {
  readonly contracts: readonly ContractBinding[];
  /**
   * The history file each whole run (never a single shard) appends its summary to, relative to the config; false:
   * none. Without it the CLI uses lockstep-report/history.jsonl; `--history` and `--no-history` override it.
   */
  readonly history?: string | false;
}

/** A config whose contracts may be contract file paths (see {@link ContractBindingSpec}). @public */
export interface LockstepConfigSpec {
  readonly contracts: readonly ContractBindingSpec[];
  /**
   * The history file each whole run (never a single shard) appends its summary to, relative to the config; false:
   * none. Without it the CLI uses lockstep-report/history.jsonl; `--history` and `--no-history` override it.
   */
  readonly history?: string | false;
}

/**
 * Declares a Lockstep config with type checking; returns it unchanged.
 * @public
 */
export function defineConfig(config: LockstepConfig): LockstepConfig;
/** @public */
export function defineConfig(config: LockstepConfigSpec): LockstepConfigSpec;
export function defineConfig(config: LockstepConfigSpec): LockstepConfigSpec {
  return config;
}
