import type { HistoryEntry } from './history-entry.ts';

/** A line of the history file that is not a history entry: reported and skipped, never fatal. @public */
export interface HistoryLineProblem {
  /** The history file, as reports show it. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
  readonly message: string;
}

/**
 * What a run did with its history file, for reporters to tell: where it is, the lines skipped, and whether this run's
 * entries could not be appended.
 * @remarks Since 0.1
 * @public
 */
export interface HistoryFileNote {
  /** The history file, relative to the run's working directory when inside it. */
  readonly file: string;
  /** Lines that are not history entries (skipped). */
  readonly skipped: readonly HistoryLineProblem[];
  /** Why this run's entries were not appended, when they could not be (the run's verdict is unchanged). */
  readonly appendError?: string;
  /**
   * Why this run did not write to the file it would otherwise have written (a single shard: its merge does), as a
   * sentence to print after `history: `; the file was then not read either (`skipped` is empty).
   */
  readonly notWritten?: string;
}

/**
 * What `lockstep history` shows: the file, the lines skipped, and the selected entries by contract, oldest first.
 * @remarks Since 0.1
 * @public
 */
export interface HistoryView {
  readonly file: string;
  readonly skipped: readonly HistoryLineProblem[];
  readonly contracts: Readonly<Record<string, readonly HistoryEntry[]>>;
}
