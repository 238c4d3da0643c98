import type { Contract } from '../contract/contract.ts';
import type { FeatureSpec } from '../contract/feature-spec.ts';
import { buildDistribution, buildScatter } from './build-distribution.ts';
import {
  type FeatureAccumulator,
  mergeFeatureAccumulator,
  newFeatureAccumulator,
  observeRecord,
} from './feature-accumulator.ts';
import type { FeatureDistribution, ScatterSample } from './feature-distribution.ts';
import { type AnswerColumns, observeColumns } from './observe-columns.ts';

/**
 * A contract's distribution accumulators, one per feature (undefined for vectors), in feature order: what a replay's
 * report state carries so that threads, partitions and shards merge exactly.
 * @internal
 */
export type DistributionState = (FeatureAccumulator | undefined)[];

/** Empty accumulators for a contract's features. @internal */
export function newDistributionState(contract: Contract): DistributionState {
  return contract.featureNames.map((name) => newFeatureAccumulator(contract.features[name] as FeatureSpec));
}

const typesCache = new WeakMap<Contract, FeatureSpec['type'][]>();

function typesOf(contract: Contract): FeatureSpec['type'][] {
  let types = typesCache.get(contract);
  if (types === undefined) {
    types = contract.featureNames.map((name) => (contract.features[name] as FeatureSpec).type);
    typesCache.set(contract, types);
  }
  return types;
}

/** Counts one compared record's features (both sides produced features) into the state. @internal */
export function observeDistributions(
  state: DistributionState,
  contract: Contract,
  training: Readonly<Record<string, unknown>>,
  serving: Readonly<Record<string, unknown>>,
  line: number,
): void {
  observeRecord(state, typesOf(contract), contract.featureNames, training, serving, line);
}

/**
 * Counts compared records' features from columns, one per contract feature in order (see `observeColumns`): the
 * counts `observeDistributions` gives record by record.
 * @internal
 */
export function observeDistributionColumns(
  state: DistributionState,
  contract: Contract,
  columns: readonly AnswerColumns[],
  skip: Uint8Array,
  lines: ArrayLike<number>,
): void {
  observeColumns(state, typesOf(contract), columns, skip, lines);
}

/** Adds another partition's (or shard's) state into `into`. @internal */
export function mergeDistributionState(into: DistributionState, other: DistributionState): void {
  into.forEach((acc, i) => {
    const o = other[i];
    if (acc !== undefined && o !== undefined) mergeFeatureAccumulator(acc, o);
  });
}

/** What a feature's report gets from its accumulator: its distribution and, numeric features, its scatter sample. @internal */
export function distributionFields(
  acc: FeatureAccumulator | undefined,
  spec: Pick<FeatureSpec, 'distribution'>,
): { distribution?: FeatureDistribution; scatter?: ScatterSample } {
  if (acc === undefined) return {};
  const scatter = buildScatter(acc);
  return { distribution: buildDistribution(acc, spec.distribution), ...(scatter === undefined ? {} : { scatter }) };
}
