import { describe, expect, it } from 'vitest';
import type { FeatureType } from '../../../src/contract/feature-spec.ts';
import { buildDistribution, buildScatter } from '../../../src/distribution/build-distribution.ts';
import { CATEGORY_CAP } from '../../../src/distribution/category-counts.ts';
import { accumulatorOf, distributionTally } from '../../../src/distribution/distribution-tally.ts';
import {
  type FeatureAccumulator,
  mergeFeatureAccumulator,
  newFeatureAccumulator,
  observeRecord,
} from '../../../src/distribution/feature-accumulator.ts';

type Row = { line: number; t: unknown; s: unknown };

function accumulate(type: FeatureType, rows: readonly Row[]): FeatureAccumulator {
  const acc = newFeatureAccumulator({ type }) as FeatureAccumulator;
  for (const r of rows) observeRecord([acc], [type], ['f'], { f: r.t }, { f: r.s }, r.line);
  return acc;
}

/** Splits rows into `n` shards (by a scrambled order), accumulates each, merges through the JSON tally. */
function sharded(type: FeatureType, rows: readonly Row[], n: number): FeatureAccumulator {
  const shards = Array.from({ length: n }, (_, k) => rows.filter((r) => (r.line * 7919) % n === k));
  const tallies = shards.map((part) => JSON.parse(JSON.stringify(distributionTally(accumulate(type, part.reverse())))));
  const [first, ...rest] = tallies.map(accumulatorOf);
  for (const acc of rest) mergeFeatureAccumulator(first as FeatureAccumulator, acc);
  return first as FeatureAccumulator;
}

const floats: Row[] = Array.from({ length: 3000 }, (_, i) => ({
  line: i + 1,
  t: i % 97 === 0 ? null : Math.sin(i) * 100,
  s: i % 89 === 0 ? Number.NaN : Math.sin(i) * 100 * (i % 3 === 0 ? 2 : 1),
}));

describe('numeric feature accumulators', () => {
  it('count nulls and NaN apart from the values', () => {
    const d = buildDistribution(accumulate('float', floats));
    expect(d.training).toEqual({ values: 3000 - 31, nulls: 31, nan: 0 });
    expect(d.serving).toEqual({ values: 3000 - 34, nulls: 0, nan: 34 });
    expect(d.bins.reduce((n, b) => n + b.training, 0)).toBe(3000 - 31);
    expect(d.bins.reduce((n, b) => n + b.serving, 0)).toBe(3000 - 34);
  });

  it('bin at training deciles: ten bins of a tenth each', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ line: i, t: i + 1, s: i + 1 }));
    const d = buildDistribution(accumulate('int', rows));
    expect(d.bins.map((b) => b.training)).toEqual(Array(10).fill(10));
    // Edges are bucket edges: 8..16 is cut in 1/16ths, 64..128 in halves.
    expect(d.bins[0]).toMatchObject({ lo: 1, hi: 10.0625, label: '[1, 10.06)' });
    expect(d.bins[9]?.label).toBe('[90.5, 100.5]');
    expect([d.psi, d.jsDistance, d.lInf, d.ks]).toEqual([0, 0, 0, 0]);
  });

  it('merge across shards into exactly one run’s distribution and scatter sample', () => {
    const one = accumulate('float', floats);
    for (const n of [2, 3, 7]) {
      const merged = sharded('float', floats, n);
      expect(buildDistribution(merged, { psi: 0.01 })).toEqual(buildDistribution(one, { psi: 0.01 }));
      expect(buildScatter(merged)).toEqual(buildScatter(one));
    }
  });

  it('keep 500 pairs for the scatter plot, of every finite pair', () => {
    const scatter = buildScatter(accumulate('float', floats));
    expect(scatter?.points).toHaveLength(500);
    expect(scatter?.of).toBe(3000 - 31 - 34 + 1); // the first row is both null and NaN
  });

  it('list the distances over their thresholds', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ line: i, t: i, s: i * 3 }));
    const d = buildDistribution(accumulate('int', rows), { psi: 0.2, ks: 0.99, lInf: 0.01 });
    expect(d.psi).toBeGreaterThan(1);
    expect(d.ks).toBeGreaterThan(0.6);
    expect(d.breaches?.map((b) => b.metric)).toEqual(['psi', 'lInf']);
  });
});

describe('categorical feature accumulators', () => {
  it('count each value, most frequent in training first', () => {
    const rows: Row[] = [
      { line: 1, t: 'US', s: 'US' },
      { line: 2, t: 'US', s: 'FR' },
      { line: 3, t: 'FR', s: 'FR' },
      { line: 4, t: null, s: 'DE' },
    ];
    const d = buildDistribution(accumulate('category', rows));
    expect(d.bins).toEqual([
      { label: 'US', training: 2, serving: 1 },
      { label: 'FR', training: 1, serving: 2 },
      { label: 'DE', training: 0, serving: 1 },
    ]);
    expect(d.training).toEqual({ values: 3, nulls: 1, nan: 0 });
    // shares: US 2/3 vs 1/4, FR 1/3 vs 1/2, DE 0 vs 1/4
    expect(d.lInf).toBeCloseTo(2 / 3 - 1 / 4, 12);
    expect(d.ks).toBeUndefined();
    expect(buildScatter(accumulate('category', rows))).toBeUndefined();
  });

  it('count bools as "true" and "false"', () => {
    const d = buildDistribution(accumulate('bool', [{ line: 1, t: true, s: false }]));
    expect(d.bins.map((b) => b.label).sort()).toEqual(['false', 'true']);
    expect(d.jsDistance).toBeCloseTo(1, 12);
  });

  it('past the cap, count the values with the largest hash as (other), the same merged as in one run', () => {
    const rows = Array.from({ length: 3 * CATEGORY_CAP }, (_, i) => ({
      line: i,
      t: `v${i % 1500}`,
      s: `v${i % 1700}`,
    }));
    const one = buildDistribution(accumulate('string', rows));
    expect(one.bins).toHaveLength(CATEGORY_CAP + 1);
    expect(one.bins.at(-1)?.label).toBe('(other)');
    expect(one.bins.reduce((n, b) => n + b.training, 0)).toBe(rows.length);
    expect(buildDistribution(sharded('string', rows, 3))).toEqual(one);
  });
});

describe('vector features', () => {
  it('have no distribution', () => {
    expect(newFeatureAccumulator({ type: 'vector' })).toBeUndefined();
  });
});
