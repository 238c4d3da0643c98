/** Pairs kept per numeric feature for its scatter plot. */
export const SCATTER_POINTS = 500;

/** One pair of a record: the hash of its line, the line, the training and the serving value. @internal */
export type ScatterPoint = readonly [hash: number, line: number, training: number, serving: number];

/**
 * A bounded, deterministic sample of a numeric feature's (training, serving) pairs: the pairs of the records with the
 * smallest hash of their run-wide line (then the smallest line). Which records those are depends on the lines only,
 * not on the order records came in or how they were split, so merged shards keep the same sample as one run.
 * @internal
 */
export interface ScatterState {
  points: ScatterPoint[];
  /** Pairs seen in all. */
  of: number;
  /** Once cut: the last point kept; points after it are not kept. */
  limit?: ScatterPoint | undefined;
}

/** @internal */
export function newScatterState(): ScatterState {
  return { points: [], of: 0 };
}

function order(a: ScatterPoint, b: ScatterPoint): number {
  return a[0] - b[0] || a[1] - b[1];
}

function cut(s: ScatterState): void {
  if (s.points.length <= SCATTER_POINTS) return;
  s.points.sort(order);
  s.points.length = SCATTER_POINTS;
  s.limit = s.points[SCATTER_POINTS - 1];
}

/** Offers one pair (of the record at `line`, whose hash is `hash`). @internal */
export function offerPair(s: ScatterState, hash: number, line: number, training: number, serving: number): void {
  s.of++;
  const limit = s.limit;
  // Most pairs of a long run are after the limit: refused before anything is allocated.
  if (limit !== undefined && (hash > limit[0] || (hash === limit[0] && line > limit[1]))) return;
  s.points.push([hash, line, training, serving]);
  if (s.points.length >= 4 * SCATTER_POINTS) cut(s);
}

/** Adds `other`'s sample into `into`. @internal */
export function mergeScatter(into: ScatterState, other: ScatterState): void {
  into.of += other.of;
  into.points.push(...other.points);
  if (other.limit !== undefined && (into.limit === undefined || order(other.limit, into.limit) < 0))
    into.limit = other.limit;
  cut(into);
}

/** The sample's points, smallest hash first (at most {@link SCATTER_POINTS}). @internal */
export function scatterPoints(s: ScatterState): ScatterPoint[] {
  cut(s);
  return [...s.points].sort(order);
}
