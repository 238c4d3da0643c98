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
 * A/A calibration: each side run against itself, twice with fresh state, on the same records. A feature listed here is
 * nondeterministic, and a training-vs-serving finding on it cannot be trusted as skew.
 * @remarks Since 0.1
 * @public
 */
export interface AaCalibration {
  readonly compared: number;
  readonly features: readonly NondeterministicFeature[];
}
