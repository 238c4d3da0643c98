import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { HOURLY, LOG_LINEAR } from '../../../src/distribution/bucket-scheme.ts';
import { CATEGORY_CAP, countCategory } from '../../../src/distribution/category-counts.ts';
import { distributionTally } from '../../../src/distribution/distribution-tally.ts';
import { distributionValue } from '../../../src/distribution/distribution-value.ts';
import {
  type FeatureAccumulator,
  newFeatureAccumulator,
  observeRecord,
} from '../../../src/distribution/feature-accumulator.ts';
import { offerPair } from '../../../src/distribution/scatter-state.ts';
import { hashLine } from '../../../src/golden/stratify-pools.ts';
import { instantText } from '../replay/_instant-text.ts';

/** observeRecord as it was written first: each value through distributionValue, each bucket through the map. */
function referenceObserve(
  accs: readonly (FeatureAccumulator | undefined)[],
  types: readonly FeatureSpec['type'][],
  names: readonly string[],
  training: Record<string, unknown>,
  serving: Record<string, unknown>,
  line: number,
): void {
  names.forEach((name, i) => {
    const acc = accs[i];
    if (acc === undefined) return;
    const type = types[i] as FeatureSpec['type'];
    const values = [distributionValue(type, training[name]), distributionValue(type, serving[name])] as const;
    values.forEach((v, side) => {
      const counts = side === 0 ? acc.training : acc.serving;
      if (v === null) counts.nulls++;
      else if (acc.kind === 'categorical') {
        if (typeof v === 'string') {
          counts.values++;
          countCategory(acc.categories, v, side as 0 | 1);
        }
      } else if (typeof v !== 'number') return;
      else if (Number.isNaN(v)) counts.nan++;
      else {
        counts.values++;
        const b = (acc.scheme === 'hour' ? HOURLY : LOG_LINEAR).bucketOf(v);
        const known: [number, number] = acc.buckets.get(b) ?? [0, 0];
        known[side as 0 | 1]++;
        acc.buckets.set(b, known);
      }
    });
    const [t, s] = values;
    if (
      acc.kind === 'numeric' &&
      typeof t === 'number' &&
      typeof s === 'number' &&
      Number.isFinite(t) &&
      Number.isFinite(s)
    )
      offerPair(acc.scatter, hashLine(line), line, t, s);
  });
}

const types: FeatureSpec['type'][] = ['int', 'float', 'timestamp', 'category', 'bool', 'string', 'vector', 'float'];
const names = ['an int', 'a"float', 'ts', 'cat', 'flag', 'text', 'vec', 'constructor'];

const instant = instantText(['Z', '+05:30', '']);
/** Values of every type a side may answer, in any feature: a few repeat, so both sides often hold the same. */
const value = fc.oneof(
  fc.constantFrom(null, undefined, 0, -0, 1, 7, Number.NaN, Number.POSITIVE_INFINITY, 'a', '', true, false),
  fc.double(),
  fc.integer({ min: -3000, max: 3000 }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.string(),
  instant,
  fc.date({ noInvalidDate: true }),
  fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
);
const record = fc.array(value, { minLength: names.length, maxLength: names.length });
const pair = fc.tuple(record, record, fc.boolean());

const toObject = (values: readonly unknown[]): Record<string, unknown> =>
  Object.fromEntries(names.map((name, i) => [name, values[i]]).filter(([, v]) => v !== undefined));

describe('observeRecord', () => {
  it('counts exactly what each value through distributionValue and each bucket through the map counts', () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 400 }), (rows) => {
        const fast = types.map((type) => newFeatureAccumulator({ type }));
        const reference = types.map((type) => newFeatureAccumulator({ type }));
        rows.forEach(([t, s, same], i) => {
          const training = toObject(t);
          // Often the same object on both sides, as two logged sides answer.
          const serving = same ? training : toObject(s);
          observeRecord(fast, types, names, training, serving, i + 1);
          referenceObserve(reference, types, names, training, serving, i + 1);
        });
        const tally = (accs: typeof fast) =>
          JSON.stringify(accs.map((a) => (a === undefined ? null : distributionTally(a))));
        expect(tally(fast)).toBe(tally(reference));
        // The maps themselves agree, in insertion order.
        for (const [i, a] of fast.entries())
          expect([...(a?.buckets ?? [])]).toEqual([...(reference[i]?.buckets ?? [])]);
      }),
      { numRuns: 300 },
    );
  });

  it('counts categories beyond the cap that both sides had, as the sides counted apart would', () => {
    const types: FeatureSpec['type'][] = ['category', 'int'];
    const accs = types.map((type) => newFeatureAccumulator({ type }));
    const reference = types.map((type) => newFeatureAccumulator({ type }));
    for (let i = 0; i < 6 * CATEGORY_CAP; i++) {
      const t = { c: `v${(i * 7) % (3 * CATEGORY_CAP)}`, n: i % 500 };
      // Mostly the same values on both sides, now and then not.
      const s = i % 11 === 0 ? { c: `w${i}`, n: -i } : t;
      observeRecord(accs, types, ['c', 'n'], t, s, i);
      referenceObserve(reference, types, ['c', 'n'], t, s, i);
    }
    const tally = (a: typeof accs) => JSON.stringify(a.map((x) => distributionTally(x as FeatureAccumulator)));
    expect(tally(accs)).toBe(tally(reference));
  });

  it('counts buckets beyond its cache: many distinct buckets, revisited', () => {
    const accs = [newFeatureAccumulator({ type: 'float' })];
    const reference = [newFeatureAccumulator({ type: 'float' })];
    for (let i = 0; i < 20_000; i++) {
      const t = { f: ((i * 7919) % 5000) * 1.37 - 2500 };
      const s = { f: (i % 3000) * 11.1 };
      observeRecord(accs, ['float'], ['f'], t, s, i);
      referenceObserve(reference, ['float'], ['f'], t, s, i);
    }
    expect([...(accs[0]?.buckets ?? [])]).toEqual([...(reference[0]?.buckets ?? [])]);
    expect(distributionTally(accs[0] as FeatureAccumulator)).toEqual(
      distributionTally(reference[0] as FeatureAccumulator),
    );
  });
});
