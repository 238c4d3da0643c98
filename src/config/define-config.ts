import type { Contract } from '../contract/contract.ts';
import type { Side, SideShape } from '../implementations/side.ts';
import type { LogFormat } from '../replay/log-format.ts';

/** A child process speaking the line protocol (docs/protocol.md). Arguments are an array, never a shell line. @public */
export interface CommandSideSpec {
  readonly command: readonly string[];
  readonly shape?: SideShape;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly concurrency?: number;
  readonly startupTimeoutMs?: number;
  readonly timeoutMs?: number;
  readonly description?: string;
}

/** An HTTP endpoint that takes batches of inputs as JSON (docs/protocol.md). @public */
export interface HttpSideSpec {
  readonly http: string;
  readonly shape?: SideShape;
  readonly batchSize?: number;
  readonly concurrency?: number;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly description?: string;
}

/** How a side is given in a config: an in-process `Side`, the `logged` features, a command or an HTTP endpoint. @public */
export type SideSpec = Side | 'logged' | CommandSideSpec | HttpSideSpec;

/** One contract with its two sides and its logs. Relative paths are resolved against the config file's folder. @public */
export interface ContractBinding {
  readonly contract: Contract;
  readonly training: SideSpec;
  readonly serving: SideSpec;
  /** JSONL or .jsonl.gz production logs to replay. */
  readonly logs?: readonly string[];
  readonly format?: Partial<LogFormat>;
  readonly batchSize?: number;
}

/** The contents of `lockstep.config.ts`. @public */
export interface LockstepConfig {
  readonly contracts: readonly ContractBinding[];
}

/**
 * Declares a Lockstep config with type checking; returns it unchanged.
 * @public
 */
export function defineConfig(config: LockstepConfig): LockstepConfig {
  return config;
}
