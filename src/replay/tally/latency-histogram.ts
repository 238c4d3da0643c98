import type { HistogramTally } from './mergeable-tally.ts';

/** Each bucket's upper bound is this factor above its lower one: a percentile is off by at most 4%. @internal */
export const GROWTH = 1.04;
const LOG_GROWTH = Math.log(GROWTH);
const FLOOR_MS = 0.0001;

/**
 * A mergeable latency histogram with ~4% relative precision and constant memory, for p50/p95/p99 over millions
 * of records (and across workers and shards). Plain data, so it crosses thread boundaries.
 * @internal
 */
export interface LatencyHistogram {
  readonly counts: Map<number, number>;
  total: number;
  max: number;
}

/** @internal */
export function newHistogram(): LatencyHistogram {
  return { counts: new Map(), total: 0, max: 0 };
}

/** The last latency put in a bucket, and its bucket: a batch's records share one latency. */
let lastMs = Number.NaN;
let lastBucket = 0;

/** Records `ms` once, or `times` times (records that share one latency: a batch's share of its time). @internal */
export function recordLatency(h: LatencyHistogram, ms: number, times = 1): void {
  if (ms !== lastMs) {
    lastBucket = ms <= FLOOR_MS ? 0 : Math.ceil(Math.log(ms / FLOOR_MS) / LOG_GROWTH);
    lastMs = ms;
  }
  h.counts.set(lastBucket, (h.counts.get(lastBucket) ?? 0) + times);
  h.total += times;
  if (ms > h.max) h.max = ms;
}

/** @internal */
export function mergeHistogram(into: LatencyHistogram, other: LatencyHistogram): void {
  for (const [bucket, n] of other.counts) into.counts.set(bucket, (into.counts.get(bucket) ?? 0) + n);
  into.total += other.total;
  into.max = Math.max(into.max, other.max);
}

/** The upper bound of the bucket holding the q-quantile, in milliseconds. @internal */
export function quantile(h: LatencyHistogram, q: number): number {
  if (h.total === 0) return 0;
  const rank = Math.ceil(q * h.total);
  let seen = 0;
  for (const bucket of [...h.counts.keys()].sort((a, b) => a - b)) {
    seen += h.counts.get(bucket) ?? 0;
    if (seen >= rank) return Math.min(h.max, FLOOR_MS * GROWTH ** bucket);
  }
  return h.max;
}

/** A histogram as plain JSON, buckets in order (a report's sketch, for merging shards). @internal */
export function histogramTally(h: LatencyHistogram): HistogramTally {
  const buckets = [...h.counts.entries()].sort(([a], [b]) => a - b);
  return { buckets, total: h.total, max: h.max };
}

/** The histogram a report's sketch describes. @internal */
export function histogramOf(tally: HistogramTally): LatencyHistogram {
  return { counts: new Map(tally.buckets.map(([bucket, n]) => [bucket, n])), total: tally.total, max: tally.max };
}
