import type { BucketScheme } from './bucket-scheme.ts';
import type { DistributionBin } from './feature-distribution.ts';

/** Bins a numeric feature's distances and bars are computed over, at most: training's deciles. */
export const NUMERIC_BINS = 10;

function sorted(buckets: ReadonlyMap<number, number>): [number, number][] {
  return [...buckets.entries()].sort(([a], [b]) => a - b);
}

/** The buckets after which a bin ends: where the reference side's cumulative count first reaches k/10 of its values. */
function cutBuckets(reference: readonly [number, number][]): number[] {
  const total = reference.reduce((sum, [, n]) => sum + n, 0);
  const cuts: number[] = [];
  let seen = 0;
  let k = 1;
  for (const [bucket, n] of reference) {
    seen += n;
    let cut = false;
    while (k < NUMERIC_BINS && seen >= (k * total) / NUMERIC_BINS) {
      cut = true;
      k++;
    }
    if (cut) cuts.push(bucket);
  }
  return cuts;
}

function edgeText(scheme: BucketScheme, x: number): string {
  if (scheme.name === 'hour' && Number.isFinite(x)) return `${new Date(x).toISOString().slice(0, 16)}Z`;
  return String(Number(x.toPrecision(4)));
}

/**
 * A numeric feature's bins: edges at training's deciles (at most {@link NUMERIC_BINS} bins, fewer when one bucket
 * holds more than a tenth of the values), each edge a bucket edge of the fixed sketch so both sides' counts per bin
 * are exact; the first bin starts at the smallest value of either side, the last ends at the largest. When training
 * has no value, serving's deciles are used.
 * @internal
 */
export function numericBins(
  scheme: BucketScheme,
  training: ReadonlyMap<number, number>,
  serving: ReadonlyMap<number, number>,
): DistributionBin[] {
  const t = sorted(training);
  const s = sorted(serving);
  const all = [...new Set([...training.keys(), ...serving.keys()])].sort((a, b) => a - b);
  const first = all[0];
  const last = all[all.length - 1];
  if (first === undefined || last === undefined) return [];
  const cuts = cutBuckets(t.length > 0 ? t : s).filter((c) => c < last);
  const bins = [...cuts, last].map((end, i) => {
    const start = i === 0 ? first : (cuts[i - 1] as number) + 1;
    const lo = scheme.bounds(start)[0];
    const hi = scheme.bounds(end)[1];
    const inBin = ([b]: [number, number]): boolean => b >= start && b <= end;
    const count = (side: [number, number][]): number => side.filter(inBin).reduce((sum, [, n]) => sum + n, 0);
    const closing = i === cuts.length ? ']' : ')';
    return {
      label: `[${edgeText(scheme, lo)}, ${edgeText(scheme, hi)}${closing}`,
      lo,
      hi,
      training: count(t),
      serving: count(s),
    };
  });
  return bins;
}
