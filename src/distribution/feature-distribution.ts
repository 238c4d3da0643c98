/** One bin of a feature's distribution, with how many values of each side fell in it. @public */
export interface DistributionBin {
  /** What the bin holds, as shown: a category (`"US"`), or a numeric range (`"[0, 12.5)"`). */
  readonly label: string;
  /** Numeric bins: the lower edge (inclusive). */
  readonly lo?: number;
  /** Numeric bins: the upper edge (exclusive, inclusive for the last bin). */
  readonly hi?: number;
  readonly training: number;
  readonly serving: number;
}

/** How many values a side had, and how many were null or NaN (not in the bins). @public */
export interface DistributionCounts {
  readonly values: number;
  readonly nulls: number;
  readonly nan: number;
}

/** A distance over its threshold (`distribution` thresholds in the contract or config). @public */
export interface DistanceBreach {
  readonly metric: 'psi' | 'jsDistance' | 'lInf' | 'ks';
  readonly value: number;
  readonly threshold: number;
}

/**
 * A feature's training and serving distributions over the compared records, and the distances between them
 * (docs/report-format.md says how bins are chosen). Built from mergeable counts, so merged shards give the same.
 * @remarks Since 0.1
 * @public
 */
export interface FeatureDistribution {
  readonly kind: 'numeric' | 'categorical';
  /** Bins shared by both sides, in display order (numeric: by edge; categorical: by training count). */
  readonly bins: readonly DistributionBin[];
  readonly training: DistributionCounts;
  readonly serving: DistributionCounts;
  /** Population stability index, serving against training. */
  readonly psi: number;
  /** Jensen–Shannon distance (base 2, 0..1). */
  readonly jsDistance: number;
  /** L-infinity distance: the largest difference in share over the bins (TFDV's categorical skew). */
  readonly lInf: number;
  /** Kolmogorov–Smirnov statistic, numeric features only. */
  readonly ks?: number;
  /** Distances over their thresholds: each fails the run like a mismatch budget. */
  readonly breaches?: readonly DistanceBreach[];
}

/**
 * A deterministic sample of a numeric feature's (training, serving) pairs, for a scatter plot: the records with the
 * smallest hash of their line, so that merged shards keep the same sample.
 * @public
 */
export interface ScatterSample {
  readonly points: readonly (readonly [training: number, serving: number])[];
  /** How many pairs there were in all. */
  readonly of: number;
}
