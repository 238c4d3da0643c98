import type { SideName } from '../compare/divergence.ts';

/** A feature that disagreed with itself when one side ran twice on the same records (`--aa`). @public */
export interface NondeterministicFeature {
  readonly feature: string;
  readonly side: SideName;
  /** Records compared side against itself, and how many disagreed. */
  readonly compared: number;
  readonly diverged: number;
  /** The first records that disagreed (line numbers). */
  readonly lines: readonly number[];
}

/**
 * One side's self-run under `--aa`: the records its two fresh instances both computed, or why it was not run (a side
 * that reads features, `logged` or a features file, is deterministic by definition).
 * @remarks Since 0.1
 * @public
 */
export interface AaSideRun {
  readonly side: SideName;
  /** Records both runs of the side computed and compared (0 when skipped). */
  readonly compared: number;
  /** Why the side was not run against itself; absent when it was. */
  readonly skipped?: string;
}

/**
 * A/A calibration: each side run against itself, twice with fresh state, on the same records. A feature listed here is
 * nondeterministic, and a training-vs-serving finding on it cannot be trusted as skew.
 * @remarks Since 0.1
 * @public
 */
export interface AaCalibration {
  readonly compared: number;
  readonly features: readonly NondeterministicFeature[];
  /** Each side's self-run: what it compared, or why it was skipped. */
  readonly sides?: readonly AaSideRun[];
}
