/**
 * Distances between two distributions given as counts over the same bins. Pure functions; each is 0 when either side
 * has no count at all (there is nothing to compare: the counts of values, nulls and NaN tell that story).
 */

/** The share an empty bin is given in PSI, which is undefined for an empty bin (ln 0). */
export const PSI_EPSILON = 1e-4;

function shares(counts: readonly number[]): number[] | undefined {
  const total = counts.reduce((a, b) => a + b, 0);
  return total === 0 ? undefined : counts.map((c) => c / total);
}

function bothShares(training: readonly number[], serving: readonly number[]): [number[], number[]] | undefined {
  const p = shares(training);
  const q = shares(serving);
  return p === undefined || q === undefined ? undefined : [p, q];
}

/**
 * Population stability index of serving against training: Σ (q − p) · ln(q / p) over the bins, with an empty bin's
 * share taken as {@link PSI_EPSILON}.
 * @public
 */
export function populationStabilityIndex(training: readonly number[], serving: readonly number[]): number {
  const pq = bothShares(training, serving);
  if (pq === undefined) return 0;
  let psi = 0;
  pq[0].forEach((share, i) => {
    const p = Math.max(share, PSI_EPSILON);
    const q = Math.max(pq[1][i] as number, PSI_EPSILON);
    psi += (q - p) * Math.log(q / p);
  });
  return psi;
}

/**
 * Jensen–Shannon distance, base 2 (0..1): the square root of the Jensen–Shannon divergence, as
 * `scipy.spatial.distance.jensenshannon(p, q, base=2)`.
 * @public
 */
export function jensenShannonDistance(training: readonly number[], serving: readonly number[]): number {
  const pq = bothShares(training, serving);
  if (pq === undefined) return 0;
  const [p, q] = pq;
  let divergence = 0;
  p.forEach((pi, i) => {
    const qi = q[i] as number;
    const m = (pi + qi) / 2;
    if (pi > 0) divergence += (pi / 2) * Math.log2(pi / m);
    if (qi > 0) divergence += (qi / 2) * Math.log2(qi / m);
  });
  return Math.sqrt(Math.min(1, Math.max(0, divergence)));
}

/** L-infinity distance: the largest difference in share over the bins (TFDV's skew measure for categories). @public */
export function lInfinityDistance(training: readonly number[], serving: readonly number[]): number {
  const pq = bothShares(training, serving);
  if (pq === undefined) return 0;
  return pq[0].reduce((worst, p, i) => Math.max(worst, Math.abs(p - (pq[1][i] as number))), 0);
}

/**
 * Two-sample Kolmogorov–Smirnov statistic from two histograms over the same ordered buckets: the largest difference
 * of the cumulative shares at a bucket's upper edge. Exact when every bucket holds one distinct value; otherwise it can
 * miss a difference inside a bucket (never more than the bucket's share).
 * @param training - `[bucket, count]` pairs, any order
 * @param serving - `[bucket, count]` pairs, any order
 * @public
 */
export function kolmogorovSmirnov(
  training: Iterable<readonly [number, number]>,
  serving: Iterable<readonly [number, number]>,
): number {
  const t = new Map(training);
  const s = new Map(serving);
  const tTotal = [...t.values()].reduce((a, b) => a + b, 0);
  const sTotal = [...s.values()].reduce((a, b) => a + b, 0);
  if (tTotal === 0 || sTotal === 0) return 0;
  const buckets = [...new Set([...t.keys(), ...s.keys()])].sort((a, b) => a - b);
  let ct = 0;
  let cs = 0;
  let worst = 0;
  for (const b of buckets) {
    ct += t.get(b) ?? 0;
    cs += s.get(b) ?? 0;
    worst = Math.max(worst, Math.abs(ct / tTotal - cs / sTotal));
  }
  return worst;
}
