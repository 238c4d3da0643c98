import type { SideName } from '../compare/divergence.ts';
import type { UpdateMode } from '../snapshot/corpus-entry.ts';

/**
 * Where a golden case came from. `config`: written by hand (`golden: [{ name, input }]`), obsolete once removed from
 * the config. `log` (`lockstep golden --from-log`) and `corpus` (a fuzz counterexample both sides now agree on) live
 * only in the golden file: each run checks them from their stored input.
 * @public
 */
export type GoldenSource = 'config' | 'log' | 'corpus';

/** A golden case as the config writes it: `golden: [{ name, input }]` on a contract binding. @public */
export interface GoldenCaseSpec {
  readonly name: string;
  /** One input record; for `shape: 'history'` an entity's whole history (an array of input records, in time order). */
  readonly input: unknown;
  /** `record` (default) or `history`. */
  readonly shape?: 'record' | 'history';
  /**
   * The input's original JSON text (for a history, the text of the array of events), embedded verbatim in the golden
   * file (so `20.0` and 64-bit integers survive) when it is one line of JSON that reads as `input`; bare `NaN` and
   * `Infinity` tokens are written as the corpus's tags. Otherwise `input` is written.
   */
  readonly inputText?: string;
  /** Default `config`. */
  readonly source?: GoldenSource;
}

/** One side's value of a feature: stored then, computed now. @public */
export interface GoldenValueChange {
  readonly old: unknown;
  readonly new: unknown;
}

/**
 * One feature of one case whose computed value is no longer the stored one (beyond the contract's tolerance).
 * `side` is `both` when both sides moved; `sameWay` marks the loud class: both sides moved and still agree with each
 * other, a change parity and replay cannot see.
 * @public
 */
export interface GoldenChange {
  readonly case: string;
  readonly feature: string;
  readonly side: SideName | 'both';
  readonly sameWay: boolean;
  readonly training?: GoldenValueChange;
  readonly serving?: GoldenValueChange;
  /** The case's input as the config gives it now (for reports); for a history, the input record of `event`. */
  readonly input?: unknown;
  /** For a history case: the index of the event (0-based, in the history's order) whose features changed. */
  readonly event?: number;
}

/** A stored case or feature no longer checked: reported, removed only with `prune`. @public */
export interface GoldenObsolete {
  readonly case: string;
  /** Set when only this feature of the case is obsolete (no longer in the contract). */
  readonly feature?: string;
  readonly reason: string;
}

/** A side that failed on a case: the case cannot be checked or recorded. @public */
export interface GoldenSideError {
  readonly case: string;
  readonly side: SideName;
  readonly message: string;
  /** For a history case: the first event the side failed on (0-based). */
  readonly event?: number;
}

/**
 * A case that was offered but neither checked nor recorded: a fuzz-corpus counterexample the sides still disagree on
 * (fuzz reports it; it becomes a golden case once they agree).
 * @public
 */
export interface GoldenSkipped {
  readonly case: string;
  readonly reason: string;
}

/** Counts as `@vitest/snapshot`'s summary has them. @public */
export interface GoldenCounts {
  readonly added: number;
  readonly matched: number;
  readonly unmatched: number;
  readonly updated: number;
  readonly obsolete: number;
}

/**
 * The version rule refused a rewrite: update mode `all` found stored values that moved, but the contract's version is
 * still the one they were recorded under (and `acceptWithoutBump` was not given). Nothing of those cases was written.
 * @public
 */
export interface GoldenVersionRule {
  /** The version the golden file was recorded under. */
  readonly stored: string;
  /** The contract's version now (the same). */
  readonly current: string;
  /** The cases whose stored values would have been rewritten. */
  readonly cases: readonly string[];
}

/** The golden check of one contract. @public */
export interface GoldenResult {
  readonly contract: { readonly name: string; readonly version: string };
  /** Where the golden file is (the store's description). */
  readonly file: string;
  readonly mode: UpdateMode;
  /** Whether a golden file existed before the run. */
  readonly existed: boolean;
  readonly counts: GoldenCounts;
  readonly changes: readonly GoldenChange[];
  /** Cases with no stored values that were not recorded (update mode none). */
  readonly missing: readonly string[];
  readonly obsolete: readonly GoldenObsolete[];
  readonly errors: readonly GoldenSideError[];
  /** Obsolete entries removed (with `prune`). */
  readonly pruned: number;
  /** Cases offered but not golden yet (a corpus counterexample the sides still disagree on); absent when none. */
  readonly skipped?: readonly GoldenSkipped[];
  /** Whether the file was written. */
  readonly written: boolean;
  /** Set when the version rule refused to rewrite stored values (update mode `all`). */
  readonly versionRule?: GoldenVersionRule;
  /** Where the contract is defined, for the version rule's message (when known). */
  readonly definedAt?: string;
  /** Input fields shown as their hash (`redact`); the golden file keeps their real values. */
  readonly redacted?: readonly string[];
}
