/**
 * The most a feature's serving distribution may drift from its training one (see docs/contracts.md): each distance
 * over its threshold fails the run, like `maxMismatchRate`. Every field is optional.
 * @remarks Since 0.1
 * @public
 */
export interface DistributionThresholds {
  /** Population stability index (0.1: a moderate shift, 0.25: a large one, by the usual rule of thumb). */
  readonly psi?: number;
  /** Jensen–Shannon distance, base 2 (0..1). */
  readonly jsDistance?: number;
  /** L-infinity distance: the largest difference in share over the bins (0..1). */
  readonly lInf?: number;
  /** Kolmogorov–Smirnov statistic (0..1), numeric features only. */
  readonly ks?: number;
}

/** The distances a threshold can be set on, in report order. @internal */
export const DISTANCE_METRICS = ['psi', 'jsDistance', 'lInf', 'ks'] as const;
