import { hashText } from '../golden/stratify-pools.ts';
import { addPairCounts } from './_pair-counts.ts';

/**
 * Distinct values counted per categorical feature: beyond it, the values kept are those with the smallest hash, and
 * the others are counted together as `(other)`.
 */
export const CATEGORY_CAP = 1000;

/**
 * Counts per value of one categorical feature, both sides together (so both count the same values), in bounded
 * memory: at most {@link CATEGORY_CAP} distinct values are kept, those with the smallest hash of their text (a
 * bottom-k sample). A value among the run's bottom k is among every shard's bottom k, so it is never dropped and its
 * counts are exact, and shards merge into exactly the counts of one run.
 * @internal
 */
export interface CategoryCounts {
  /** Value → [training count, serving count]. */
  readonly counts: Map<string, [number, number]>;
  /** Once the cap was reached: the last value kept (hash, text); values after it are not kept. */
  limit?: { readonly hash: number; readonly text: string } | undefined;
}

/** @internal */
export function newCategoryCounts(): CategoryCounts {
  return { counts: new Map() };
}

/** Orders values by hash, then by text: the same on every machine. */
function order(a: { hash: number; text: string }, b: { hash: number; text: string }): number {
  return a.hash - b.hash || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0);
}

/** Cuts the counts to the cap, keeping the values with the smallest hash. */
function cut(c: CategoryCounts): void {
  if (c.counts.size <= CATEGORY_CAP) return;
  const keys = [...c.counts.keys()].map((text) => ({ hash: hashText(text), text })).sort(order);
  for (const k of keys.slice(CATEGORY_CAP)) c.counts.delete(k.text);
  c.limit = keys[CATEGORY_CAP - 1];
}

/** Counts one value of one side (0: training, 1: serving). @internal */
export function countCategory(c: CategoryCounts, text: string, side: 0 | 1): void {
  const known = c.counts.get(text);
  if (known !== undefined) {
    known[side]++;
    return;
  }
  if (c.limit !== undefined && order({ hash: hashText(text), text }, c.limit) > 0) return;
  c.counts.set(text, side === 0 ? [1, 0] : [0, 1]);
  // Cut now and then, not on every new value: the sort is amortized over CATEGORY_CAP new values.
  if (c.counts.size >= 2 * CATEGORY_CAP) cut(c);
}

/** Counts one value that both sides had: what `countCategory` for training, then for serving, counts. @internal */
export function countCategoryBoth(c: CategoryCounts, text: string): void {
  const known = c.counts.get(text);
  if (known !== undefined) {
    known[0]++;
    known[1]++;
    return;
  }
  countCategory(c, text, 0);
  countCategory(c, text, 1);
}

/**
 * Makes room for a value counted later (by `countCategory`), so that values are kept in the order they came though
 * this one is counted after others: the counts are those of counting it here. @internal
 */
export function reserveCategory(c: CategoryCounts, text: string): void {
  if (c.counts.has(text)) return;
  if (c.limit !== undefined && order({ hash: hashText(text), text }, c.limit) > 0) return;
  c.counts.set(text, [0, 0]);
  if (c.counts.size >= 2 * CATEGORY_CAP) cut(c);
}

/** Adds `other`'s counts into `into`, then keeps the cap's worth with the smallest hash. @internal */
export function mergeCategoryCounts(into: CategoryCounts, other: CategoryCounts): void {
  addPairCounts(into.counts, other.counts);
  if (other.limit !== undefined && (into.limit === undefined || order(other.limit, into.limit) < 0))
    into.limit = other.limit;
  cut(into);
}

/**
 * The values kept (at most the cap), with their counts, in code-unit order of their text: the same whatever order the
 * records came in (entity by entity, part by part, shard by shard). @internal
 */
export function keptCategories(c: CategoryCounts): [string, number, number][] {
  cut(c);
  return [...c.counts.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([text, [t, s]]) => [text, t, s]);
}
