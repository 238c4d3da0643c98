import { z } from 'zod';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import type { Divergence } from '../../../src/compare/divergence.ts';
import type { FeatureSpecs } from '../../../src/contract/contract.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';
import type { FeatureSpec, NanPolicy } from '../../../src/contract/feature-spec.ts';

/** A contract `t` over input `{ id }` with the given features (and NaN policy). */
export function contractWith<const F extends FeatureSpecs>(features: F, nan?: NanPolicy) {
  return defineContract({
    name: 't',
    version: '1',
    entity: 'id',
    input: z.object({ id: z.string() }),
    features,
    ...(nan === undefined ? {} : { nan }),
  });
}

/** A contract of the one feature `f`. */
export const contractOf = (spec: FeatureSpec, nan?: NanPolicy) => contractWith({ f: spec }, nan);

/** Compares one value of feature `f` from each side. */
export function compareOne(spec: FeatureSpec, training: unknown, serving: unknown, nan?: NanPolicy): Divergence[] {
  return compileComparator(contractOf(spec, nan))({ f: training }, { f: serving });
}

export const kinds = (ds: readonly Divergence[]): string[] => ds.map((d) => d.kind);
