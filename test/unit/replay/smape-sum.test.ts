import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addSmape, type FeatureState, newReportState, smapeTotal } from '../../../src/replay/tally/report-state.ts';

/** A fresh feature state. */
const feature = (): FeatureState => newReportState(1).features[0] as FeatureState;

/** The terms summed in the given order, and (when `split`) as two states merged. */
function total(terms: readonly number[], split?: number): number {
  if (split === undefined) {
    const f = feature();
    for (const t of terms) addSmape(f, t);
    return smapeTotal(f);
  }
  const [a, b] = [feature(), feature()];
  for (const [i, t] of terms.entries()) addSmape(i < split ? a : b, t);
  addSmape(b, a.smapeSum, a.smapeLo);
  return smapeTotal(b);
}

/** A deterministic shuffle (the batches of a run finish in another order from run to run). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let x = seed;
  for (let i = out.length - 1; i > 0; i--) {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = x % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('the sum of sMAPE terms', () => {
  it('is the same whatever order the terms come in, and however the states are merged', () => {
    // sMAPE terms lie in [0, 2]: tiny ones (values within tolerance) beside large ones.
    const terms = Array.from({ length: 20_000 }, (_, i) => (i % 7 === 0 ? 1.9 / (i + 1) : (i % 97) * 1e-9 + 1e-13 * i));
    const orders = [terms, [...terms].reverse(), shuffled(terms, 1), shuffled(terms, 2)];
    // The terms are such that a plain sum depends on their order: the test could fail.
    const plain = orders.map((o) => o.reduce((s, t) => s + t, 0));
    expect(new Set(plain).size).toBeGreaterThan(1);
    const sums = orders.flatMap((o) => [total(o), total(o, 5_000), total(o, 17_321)]);
    expect(new Set(sums).size).toBe(1);
  });

  it('is the same for any order of any terms (property)', () => {
    // Terms of [0, 2] and tiny ones (values within tolerance), as a feature's sMAPE terms are.
    const term = fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 1e-6, noNaN: true }));
    fc.assert(
      fc.property(fc.array(term, { minLength: 50, maxLength: 300 }), fc.nat(), (terms, seed) => {
        expect(total(shuffled(terms, seed))).toBe(total(terms));
      }),
    );
  });
});
