import type { SourceLocation } from '../contract/definition-site.ts';
import type { ToleranceRule } from '../contract/feature-spec.ts';
import type { GateStage } from '../gate/verdict.ts';

/** A contract as reports name it, with where it is declared. @public */
export interface ContractInfo {
  readonly name: string;
  readonly version: string;
  /** Feature names in declaration order. */
  readonly features: readonly string[];
  /**
   * Where the contract is declared, relative to the run's `cwd` when inside it: its `defineContract` call, or the
   * config file (no line) when that is unknown.
   */
  readonly definedAt: SourceLocation;
  /** The line of each feature's declaration in `definedAt.file`, when it could be found. */
  readonly featureLines: Readonly<Record<string, number>>;
  /**
   * The tolerance each float, timestamp (ms as `abs`) or element-wise vector feature declares, for charts (the HTML
   * report's tolerance band); absent when no feature declares one.
   */
  readonly tolerances?: Readonly<Record<string, FeatureTolerance>>;
}

/** A numeric feature's declared tolerance, as reports draw it. @remarks Since 0.1 @public */
export interface FeatureTolerance {
  readonly abs: number;
  readonly rel: number;
  readonly rule: ToleranceRule;
}

/** The command a run is: one gate stage, or `check` (all of them). @public */
export type RunCommand = GateStage | 'check';

/**
 * What a run's history needs besides its results: who ran what, where, when. Gathered by the runner; reporters
 * only format it.
 * @remarks Since 0.1
 * @public
 */
export interface RunInfo {
  /** The command that ran: a gate stage, or `check` (every stage in one run). */
  readonly command: RunCommand;
  /** The Lockstep version that ran (its package.json). */
  readonly lockstepVersion: string;
  /** `git rev-parse HEAD` in `cwd`, when it is in a git repository. */
  readonly gitCommit?: string;
  /** The command line, as the program received it (e.g. `["lockstep", "replay", "--shard", "1/4"]`). */
  readonly commandLine: readonly string[];
  /** The working directory; relative paths in reports are relative to it. */
  readonly cwd: string;
  /** The config file, relative to `cwd` when inside it. */
  readonly config: string;
  readonly contracts: readonly ContractInfo[];
  /** The shard this run replayed (1-based `index` of `count`), when sharded. */
  readonly shard?: { readonly index: number; readonly count: number };
  /** ISO 8601 wall-clock times. */
  readonly startedAt: string;
  readonly endedAt: string;
}
