import { compileComparator, type RecordComparator } from '../compare/compare-features.ts';
import type { SideName } from '../compare/divergence.ts';
import type { Contract } from '../contract/contract.ts';
import { encodeCorpusValue } from '../snapshot/_corpus-json.ts';
import type { GoldenFeatures } from './golden-file.ts';
import type { GoldenChange } from './golden-result.ts';

const comparators = new WeakMap<Contract, RecordComparator>();

/** The contract's comparator, compiled once per contract. @internal */
export function comparatorOf(contract: Contract): RecordComparator {
  let compare = comparators.get(contract);
  if (compare === undefined) {
    compare = compileComparator(contract);
    comparators.set(contract, compare);
  }
  return compare;
}

/** The same value as the corpus writes it (NaN is NaN, -0 is not 0, 1n is not 1). @internal */
export const same = (a: unknown, b: unknown): boolean =>
  JSON.stringify(encodeCorpusValue(a)) === JSON.stringify(encodeCorpusValue(b));

/** Features whose value moved from `old` to `now`, by the contract's comparison (tolerances included). */
function moved(contract: Contract, old: GoldenFeatures, now: GoldenFeatures): Set<string> {
  const out = new Set<string>();
  for (const d of comparatorOf(contract)(old, now)) {
    if (!Object.hasOwn(contract.features, d.feature)) continue; // a key not in the contract: obsolete, not moved
    if (d.kind === 'missing' && d.training === undefined) continue; // not stored yet: filled, not moved
    if (d.kind === 'contract' && same(d.training, d.serving)) continue; // the same value, breaking the contract as before
    out.add(d.feature);
  }
  return out;
}

function agree(contract: Contract, feature: string, t: GoldenFeatures, s: GoldenFeatures): boolean {
  return !comparatorOf(contract)(t, s).some((d) => d.feature === feature && d.kind !== 'contract');
}

/** One event's features: stored then (per side), computed now (per side). @internal */
export interface EventFeatures {
  readonly stored: { readonly training: GoldenFeatures; readonly serving: GoldenFeatures };
  readonly now: { readonly training: GoldenFeatures; readonly serving: GoldenFeatures };
}

/**
 * The features of one case (or one event of a history, `event` set) that moved on either side, in the contract's
 * order; `sameWay` when both moved and the sides agree as they did. @internal
 */
export function changesOf(contract: Contract, name: string, f: EventFeatures, event?: number): GoldenChange[] {
  const { stored, now } = f;
  const mt = moved(contract, stored.training, now.training);
  const ms = moved(contract, stored.serving, now.serving);
  return contract.featureNames
    .filter((feature) => mt.has(feature) || ms.has(feature))
    .map((feature) => {
      const side: SideName | 'both' =
        mt.has(feature) && ms.has(feature) ? 'both' : mt.has(feature) ? 'training' : 'serving';
      const sameWay =
        side === 'both' &&
        agree(contract, feature, stored.training, stored.serving) &&
        agree(contract, feature, now.training, now.serving);
      return {
        case: name,
        feature,
        side,
        sameWay,
        ...(mt.has(feature) ? { training: { old: stored.training[feature], new: now.training[feature] } } : {}),
        ...(ms.has(feature) ? { serving: { old: stored.serving[feature], new: now.serving[feature] } } : {}),
        ...(event === undefined ? {} : { event }),
      };
    });
}

/** The stored record with contract features filled from `now` where absent, obsolete keys kept unless pruned. @internal */
export function filled(
  contract: Contract,
  old: GoldenFeatures,
  now: GoldenFeatures | undefined,
  prune: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(old)) if (!prune || Object.hasOwn(contract.features, k)) out[k] = v;
  if (now === undefined) return out;
  for (const f of contract.featureNames) if (!Object.hasOwn(out, f) && Object.hasOwn(now, f)) out[f] = now[f];
  return out;
}

/** Whether the two sides disagree on any event (any divergence, contract breaks included). @internal */
export function disagree(
  contract: Contract,
  training: readonly GoldenFeatures[],
  serving: readonly GoldenFeatures[],
): boolean {
  const compare = comparatorOf(contract);
  return training.some((t, i) => compare(t, serving[i] ?? {}).length > 0);
}
