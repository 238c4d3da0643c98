import type { DivergenceKind } from '../../compare/divergence.ts';
import { rankSlices } from '../../slicing/rank-slices.ts';
import { mergeSliceCounts, newSliceCounts, type SliceCounts } from '../../slicing/slice-counts.ts';
import { type SliceCountsJson, sliceCountsFromJson, sliceCountsJson } from '../../slicing/slice-counts-json.ts';
import type { DivergenceClass } from '../replay-report.ts';

/** One class's slicing counts, named by its feature, kind and cause. @public */
export interface ClassSlicingTally {
  readonly feature: string;
  readonly kind: DivergenceKind;
  readonly cause: string;
  readonly counts: SliceCountsJson;
}

/**
 * The counts root-cause slices are ranked from (see src/slicing/slice-counts.ts): the inputs of the log's records that
 * reached the sides, and of each class's records. Merged by adding, under the same caps, so merged shards rank the
 * slices one run would.
 * @remarks Since 0.1
 * @public
 */
export interface SlicingTally {
  readonly log: SliceCountsJson;
  readonly classes: readonly ClassSlicingTally[];
}

type Named = Pick<DivergenceClass, 'feature' | 'kind' | 'cause'>;

const keyOf = (c: Named): string => `${c.feature}\u0000${c.kind}\u0000${c.cause}`;

/** A class's slices, as the fields of its report (none when no predicate qualifies). */
export function classSlices(cls: SliceCounts, log: SliceCounts): Pick<DivergenceClass, 'slices'> {
  const slices = rankSlices(cls, log);
  return slices.length === 0 ? {} : { slices };
}

/** The log's and the classes' counts as JSON, classes in key order. */
export function slicingTally(log: SliceCounts, classes: Iterable<Named & { slicing: SliceCounts }>): SlicingTally {
  return {
    log: sliceCountsJson(log),
    classes: [...classes]
      .sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0))
      .map((c) => ({ feature: c.feature, kind: c.kind, cause: c.cause, counts: sliceCountsJson(c.slicing) })),
  };
}

/**
 * Shards' slicing counts added, and each merged class's slices ranked from them; `undefined` when a shard has none
 * (written before slicing), and then classes keep no slices.
 */
export function mergeSlicing(tallies: readonly (SlicingTally | undefined)[]):
  | {
      readonly tally: SlicingTally;
      readonly slicesOf: (c: Named) => Pick<DivergenceClass, 'slices'>;
    }
  | undefined {
  if (tallies.some((t) => t === undefined)) return undefined;
  const log = newSliceCounts();
  const classes = new Map<string, Named & { slicing: SliceCounts }>();
  for (const t of tallies as readonly SlicingTally[]) {
    mergeSliceCounts(log, sliceCountsFromJson(t.log));
    for (const c of t.classes) {
      const key = keyOf(c);
      const mine = classes.get(key) ?? { feature: c.feature, kind: c.kind, cause: c.cause, slicing: newSliceCounts() };
      classes.set(key, mine);
      mergeSliceCounts(mine.slicing, sliceCountsFromJson(c.counts));
    }
  }
  return {
    tally: slicingTally(log, classes.values()),
    slicesOf: (c) => {
      const counts = classes.get(keyOf(c))?.slicing;
      return counts === undefined ? {} : classSlices(counts, log);
    },
  };
}
