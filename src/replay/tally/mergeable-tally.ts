import type { SideName } from '../../compare/divergence.ts';
import type { DistributionThresholds } from '../../contract/distribution-thresholds.ts';
import type { DistributionTally } from '../../distribution/distribution-tally.ts';
import type { SlicingTally } from './slicing-tally.ts';

/** A feature's running statistics that its report only shows derived (a mean, a maximum): merged from these. @public */
export interface FeatureTally {
  readonly feature: string;
  readonly worstAbs: number;
  readonly worstRel: number;
  /** Sum and count of the symmetric absolute percentage errors: `smape` is their quotient. */
  readonly smapeSum: number;
  /**
   * What rounding `smapeSum` left over (the sum is kept as two numbers while it is counted): merged shards add up to
   * one run's sum in any order. Absent in reports written before it was added (read as 0).
   */
  readonly smapeRest?: number;
  readonly smapeCount: number;
  /** The contract's `maxMismatchRate` for the feature, so that merged shards are gated like one run. */
  readonly maxMismatchRate?: number;
  /** The feature's distribution counts (not for vectors), so that merged shards get one run's distances. */
  readonly distribution?: DistributionTally;
  /** The contract's `distribution` thresholds for the feature, so that merged shards are gated like one run. */
  readonly distributionThresholds?: DistributionThresholds;
}

/** A latency histogram as plain JSON: `[bucket, count]` pairs in bucket order (see latency-histogram.ts). @public */
export interface HistogramTally {
  readonly buckets: readonly (readonly [number, number])[];
  readonly total: number;
  readonly max: number;
}

/**
 * What a replay report carries so that the reports of a run's shards merge into exactly the report of one run:
 * the sums behind derived numbers, each side's latency histogram (the sketch its percentiles come from) and the
 * example limit the kept examples were cut to. Counts, examples (the first by line), classes, invalid and blank lines
 * are the report's own fields.
 * @remarks Since 0.1
 * @public
 */
export interface MergeableTally {
  /** Examples kept per feature (`--examples`); invalid lines kept: four times as many; per class: 3. */
  readonly exampleLimit: number;
  readonly features: readonly FeatureTally[];
  readonly latency: Readonly<Record<SideName, HistogramTally>>;
  /** The input counts each class's root-cause slices are ranked from. */
  readonly slicing?: SlicingTally;
}
