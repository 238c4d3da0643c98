/** One feature's numbers in a history entry. @public */
export interface HistoryFeature {
  readonly feature: string;
  readonly compared: number;
  readonly diverged: number;
  readonly mismatchRate: number;
  readonly psi?: number;
  readonly jsDistance?: number;
  readonly lInf?: number;
  readonly ks?: number;
}

/** One class in a history entry, by its signature (gate/class-signature.ts). @public */
export interface HistoryClass {
  readonly signature: string;
  readonly feature: string;
  readonly kind: string;
  readonly cause: string;
  readonly count: number;
}

/**
 * A run's summary as one line of the history file (`lockstep-report/history.jsonl`): appended by each whole run or
 * merge, never by a single shard.
 * @remarks Since 0.1
 * @public
 */
export interface HistoryEntry {
  readonly historyVersion: 1;
  /** ISO 8601 time the run started. */
  readonly runAt: string;
  readonly gitCommit?: string;
  readonly contract: { readonly name: string; readonly version: string };
  readonly status: 'pass' | 'diverged';
  /** The share of entities the run replayed (`--sample`), when below 1; absent for a full run. */
  readonly sample?: number;
  readonly counts: { readonly read: number; readonly compared: number; readonly diverged: number };
  readonly features: readonly HistoryFeature[];
  readonly classes: readonly HistoryClass[];
}
