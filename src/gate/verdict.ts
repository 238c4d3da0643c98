/**
 * The gate's verdict: one decision, one exit-code table, shared by every command (replay, fuzz, and later golden).
 * Reporters format a verdict they are given; they never decide one.
 */

/** Exit codes of every Lockstep command. @public */
export const EXIT_CODES = {
  /** Everything configured was checked and passed. */
  pass: 0,
  /** A divergence not accepted, a budget exceeded, nothing compared, invalid lines over budget, an incomplete log. */
  fail: 1,
  /** Usage or configuration error: bad flag, missing file, a file that is not what its name says, an unreachable side. */
  usage: 2,
  /** A bug in Lockstep. */
  internal: 3,
} as const;

/** One of {@link EXIT_CODES}. @public */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** A stage of the gate. @public */
export type GateStage = 'replay' | 'fuzz' | 'golden';

/** What became of a stage: `skipped` when nothing was configured for it (named in the verdict). @public */
export type StageOutcome = 'passed' | 'failed' | 'skipped';

/** Why a run did not pass, as data with a literal code. @public */
export type GateReasonCode =
  /** A divergence class that is not accepted. */
  | 'divergence'
  /** An accepted class over its budget. */
  | 'accepted_over_budget'
  /** A feature over its contract's `maxMismatchRate`. */
  | 'mismatch_rate'
  /** A feature whose serving distribution drifted past a `distribution` threshold of its contract. */
  | 'distribution_skew'
  /** A feature that differed from itself when its side ran twice on the same records (`--aa`). */
  | 'nondeterministic'
  /** A configured stage compared no record at all. */
  | 'nothing_compared'
  /** A log with no line. */
  | 'empty_log'
  /** Every line of the logs was invalid. */
  | 'all_invalid'
  /** Invalid lines beyond `--max-invalid` (default 0). */
  | 'invalid_over_budget'
  /** A log could not be read to its end: the run covers only what came before (INCOMPLETE, never PASS). */
  | 'incomplete_log'
  /** A side could not be reached for any record (exit 2). */
  | 'side_unreachable'
  /** A side became unavailable part-way (a transport failure after retries): the run stopped there (fuzz). */
  | 'side_unavailable'
  /** A golden case whose computed features are no longer the stored ones. */
  | 'golden_changed'
  /** No golden file, or a case not recorded in it, where nothing may be written (CI). */
  | 'golden_missing'
  /** Update mode all would rewrite stored values under the version they were recorded with (the version rule). */
  | 'golden_version'
  /** A side failed on a golden case, so the case could not be checked. */
  | 'golden_error';

/** One reason of a verdict, in one line. @public */
export interface GateReason {
  readonly code: GateReasonCode;
  readonly stage: GateStage;
  readonly contract?: string;
  readonly feature?: string;
  /** The class signature, for `divergence` and `accepted_over_budget`. */
  readonly signature?: string;
  /** One line that says what happened and what to do. */
  readonly message: string;
}

/** How the gate treated one divergence class. @public */
export interface ClassDecision {
  readonly contract: string;
  readonly feature: string;
  readonly kind: string;
  /** The class's cause as the report words it: display text, never part of the signature. */
  readonly cause: string;
  /** The class signature (see `classSignature`): stable across runs, labels excluded. */
  readonly signature: string;
  readonly records: number;
  /** `new`: not listed in the accepted file (fails); `accepted`: listed and within budget; `over_budget`: listed, over. */
  readonly decision: 'new' | 'accepted' | 'over_budget';
  /** The accepted entry's reason and link, when listed. */
  readonly reason?: string;
  readonly link?: string;
}

/**
 * The decision of a run. `status` is `incomplete` when a log could not be read to its end (the header says
 * INCOMPLETE, never PASS), `error` when a side could not be reached for any record.
 * @public
 */
export interface Verdict {
  readonly status: 'pass' | 'fail' | 'incomplete' | 'error';
  readonly exitCode: ExitCode;
  /** One line: PASS, or the first reason. */
  readonly headline: string;
  readonly reasons: readonly GateReason[];
  readonly stages: Readonly<Partial<Record<GateStage, StageOutcome>>>;
  readonly classes: readonly ClassDecision[];
}
