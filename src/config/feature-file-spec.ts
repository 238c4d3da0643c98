import { SkewError } from '../errors.ts';
import type { FeatureFileSpec } from './define-config.ts';

/**
 * Whether a side spec names a file of precomputed features (`{ features: path }`).
 * @param spec - a side as a config or flag gives it (or a fuzz factory)
 * @internal
 */
export function isFeatureFileSpec(spec: unknown): spec is FeatureFileSpec {
  return typeof spec === 'object' && spec !== null && typeof (spec as { features?: unknown }).features === 'string';
}

/**
 * Refuses a features-file side where inputs must be computed (golden cases, fuzz cases): the file only holds the
 * features of logged records, joined by their ids, like the `logged` side.
 * @param spec - the side spec
 * @param api - the API name the message starts with
 * @param side - which side of which contract, e.g. `the training side of contract "users"`
 * @param instead - what to give instead
 * @throws SkewError `SKEW_USAGE`
 * @internal
 */
export function refuseFeatureFile(spec: unknown, api: string, side: string, instead: string): void {
  if (!isFeatureFileSpec(spec)) return;
  throw new SkewError(
    'SKEW_USAGE',
    `${api}: ${side} is a features file (${spec.features}), which holds the features of logged records only and ` +
      `cannot compute other inputs; ${instead}`,
  );
}
