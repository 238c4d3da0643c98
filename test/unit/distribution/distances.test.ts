import { describe, expect, it } from 'vitest';
import {
  jensenShannonDistance,
  kolmogorovSmirnov,
  lInfinityDistance,
  PSI_EPSILON,
  populationStabilityIndex,
} from '../../../src/distribution/distances.ts';

describe('populationStabilityIndex', () => {
  it('is Σ (q − p) ln(q / p) over the shares', () => {
    // (0.8-0.1)ln 8 + (0.15-0.4)ln(0.375) + (0.05-0.5)ln(0.1), worked by hand
    expect(populationStabilityIndex([10, 40, 50], [80, 15, 5])).toBeCloseTo(2.736979684276137, 12);
  });

  it('is 0 for the same shares, whatever the counts', () => {
    expect(populationStabilityIndex([1, 2, 3], [10, 20, 30])).toBe(0);
  });

  it('gives an empty bin the epsilon share', () => {
    const psi = populationStabilityIndex([1, 1], [1, 0]);
    const expected = (1 - 0.5) * Math.log(1 / 0.5) + (PSI_EPSILON - 0.5) * Math.log(PSI_EPSILON / 0.5);
    expect(psi).toBeCloseTo(expected, 12);
  });

  it('is 0 when a side has no value', () => {
    expect(populationStabilityIndex([0, 0], [1, 2])).toBe(0);
  });
});

describe('jensenShannonDistance', () => {
  it('matches scipy.spatial.distance.jensenshannon(base=2)', () => {
    // scipy's documented jensenshannon([1, 0], [0.5, 0.5]) = 0.46450140402245893 (base e) → ÷ sqrt(ln 2) for base 2
    expect(jensenShannonDistance([1, 0], [1, 1])).toBeCloseTo(0.46450140402245893 / Math.sqrt(Math.LN2), 12);
    expect(jensenShannonDistance([10, 40, 50], [80, 15, 5])).toBeCloseTo(0.6482287947757128, 12);
  });

  it('is 1 for disjoint distributions and 0 for equal ones', () => {
    expect(jensenShannonDistance([1, 0, 0], [0, 1, 0])).toBeCloseTo(1, 12);
    expect(jensenShannonDistance([3, 4], [6, 8])).toBe(0);
  });
});

describe('lInfinityDistance', () => {
  it('is the largest difference in share', () => {
    expect(lInfinityDistance([10, 40, 50], [80, 15, 5])).toBeCloseTo(0.7, 12);
    expect(lInfinityDistance([1, 1], [1, 1])).toBe(0);
  });
});

describe('kolmogorovSmirnov', () => {
  it('is the largest difference of the cumulative shares (scipy ks_2samp([1..5], [3..8]) = 0.5)', () => {
    const t = [1, 2, 3, 4, 5].map((v) => [v, 1] as const);
    const s = [3, 4, 5, 6, 7, 8].map((v) => [v, 1] as const);
    // After 2: 2/5 vs 0; after 5: 1 vs 3/6 → 0.5
    expect(kolmogorovSmirnov(t, s)).toBeCloseTo(0.5, 12);
  });

  it('is 1 for disjoint samples and 0 for one side empty', () => {
    expect(kolmogorovSmirnov([[1, 3]], [[2, 5]])).toBe(1);
    expect(kolmogorovSmirnov([[1, 3]], [])).toBe(0);
  });
});
