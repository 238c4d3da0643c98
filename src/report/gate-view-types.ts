import type { AaCalibration } from '../calibration/aa-result.ts';
import type { FeatureDistribution } from '../distribution/feature-distribution.ts';
import type { ClassDecision, GateReason, Verdict } from '../gate/verdict.ts';
import type { GoldenValueChange } from '../golden/golden-result.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { ClassSlice } from '../slicing/class-slice.ts';
import type { ContractInfo, RunInfo } from './run-info.ts';

// The shape every CI report formats (see gate-view.ts, which builds it); types only, so the builders may share them.

/** A log line named by its file (relative to the run's cwd when inside it) and its line in that file. @public */
export interface LogPlace {
  readonly log: string;
  readonly line?: number;
}

/** One divergence class as CI reports show it, with the gate's decision on it. @public */
export interface ClassView {
  readonly feature: string;
  readonly kind: string;
  readonly cause: string;
  /** Records in the class (replay); 1 for a fuzz finding (one shrunk case). */
  readonly records: number;
  /** `new` and `over_budget` fail the gate; `accepted` is reported and passes. */
  readonly decision: ClassDecision['decision'];
  readonly signature?: string;
  /** The accepted entry's reason and link. */
  readonly reason?: string;
  readonly link?: string;
  /** The first record (replay) or the shrunk case (fuzz). */
  readonly first?: {
    readonly at?: LogPlace;
    /** The record's own id from the log (`--id-field`). */
    readonly recordId?: string;
    readonly entity?: string;
    readonly timestamp?: number;
    readonly training: unknown;
    readonly serving: unknown;
    readonly detail: string;
    readonly input?: unknown;
  };
  readonly minimal?: { readonly input: unknown; readonly fieldsThatMatter: readonly string[] };
  readonly hints: readonly string[];
  /** Fuzz: the command that replays this finding exactly. */
  readonly replay?: string;
  /** Replay: input predicates the class's records share far more than the log's, most telling first. */
  readonly slices?: readonly ClassSlice[];
  /** Replay with `--aa`: the sides on which the class's feature differed from itself (not trusted as skew). */
  readonly nondeterministic?: readonly ('training' | 'serving')[];
  /** Replay: the history file's previous run of the contract had no class with this signature. */
  readonly isNew?: boolean;
  /** Golden: old → new of each side that moved (a side absent here did not), and the loud class. */
  readonly golden?: {
    readonly sameWay: boolean;
    readonly training?: GoldenValueChange;
    readonly serving?: GoldenValueChange;
  };
}

/** One feature of a suite: whether the verdict names it, and its counts (replay). @public */
export interface FeatureView {
  readonly name: string;
  readonly failed: boolean;
  readonly compared?: number;
  readonly diverged?: number;
  /** Replay: the distances between the feature's serving and training distributions, and their breaches. */
  readonly distribution?: Pick<FeatureDistribution, 'kind' | 'psi' | 'jsDistance' | 'lInf' | 'ks' | 'breaches'>;
}

/** One contract of a run, in the shape every CI report shares (replay and fuzz alike). @public */
export interface SuiteView {
  readonly stage: 'replay' | 'fuzz' | 'golden';
  readonly contract: ContractInfo;
  /** Replay: records compared, matched (no divergence), diverged, invalid. Fuzz: generated cases and findings. */
  readonly counts: {
    readonly compared: number;
    readonly matched?: number;
    readonly diverged: number;
    readonly invalid?: number;
  };
  readonly features: readonly FeatureView[];
  readonly classes: readonly ClassView[];
  /** The verdict's reasons for this contract that are not one class's (coverage, budgets, unread logs). */
  readonly problems: readonly { readonly reason: GateReason; readonly at?: LogPlace }[];
  /** The invalid lines the report lists (the first ones), where they are. */
  readonly invalid: readonly { readonly at: LogPlace; readonly message: string }[];
  /** The verdict has a reason naming this contract. */
  readonly failed: boolean;
  readonly durationMs: number;
  /** Replay with `--aa`: the A/A calibration of the contract. */
  readonly aa?: AaCalibration;
  /** Replay of a Parquet log through frame sides: whether it went column by column, in how many parts, or why not. */
  readonly columnar?: NonNullable<ReplayReport['columnar']>;
}

/** A run as CI reports show it. @public */
export interface GateView {
  readonly run: RunInfo;
  readonly verdict: Verdict;
  readonly suites: readonly SuiteView[];
  /** Reasons that name no contract of a suite. */
  readonly problems: readonly GateReason[];
}
