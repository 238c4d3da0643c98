import { describe, expect, it } from 'vitest';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { CATEGORY_CAP } from '../../../src/distribution/category-counts.ts';
import { distributionTally } from '../../../src/distribution/distribution-tally.ts';
import { newFeatureAccumulator, observeRecord } from '../../../src/distribution/feature-accumulator.ts';
import { observeColumns } from '../../../src/distribution/observe-columns.ts';

const types: FeatureSpec['type'][] = ['int', 'float', 'timestamp', 'category', 'bool', 'string', 'vector'];
const names = types.map((t) => `f_${t}`);

/** Answers of `n` records: numbers with nulls, NaN and infinities, many categories, wrong types now and then. */
function column(type: FeatureSpec['type'], n: number, side: number): unknown[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 13 === 0) return null;
    if (i % 17 === 0) return type === 'category' ? 42 : 'oops';
    switch (type) {
      case 'int':
        return i % 19 === 0 ? BigInt(i) : i * 3 + side;
      case 'float':
        return i % 23 === 0 ? Number.NaN : i % 29 === 0 ? -Infinity : ((i * 1.37) % 500) - 100 + side / 10;
      case 'timestamp':
        return 1_700_000_000_000 + i * 3_600_123;
      case 'category':
        return `c${(i * 7 + side) % (CATEGORY_CAP * 3)}`;
      case 'bool':
        return i % 3 === side;
      case 'string':
        return 'x'.repeat(i % 5);
      default:
        return [i, side];
    }
  });
}

function accumulators() {
  return types.map((type) => newFeatureAccumulator({ type }));
}

describe('observeColumns', () => {
  it('counts what observeRecord counts record by record, skipped records counted after in their place', () => {
    const n = 5000;
    const training = types.map((t) => column(t, n, 0));
    const serving = types.map((t) => column(t, n, 1));
    const lines = Array.from({ length: n }, (_, i) => 1000 + i);
    const skip = new Uint8Array(n);
    for (let i = 0; i < n; i++) skip[i] = i % 11 === 3 ? 1 : 0;
    const recordOf = (cols: unknown[][], i: number) =>
      Object.fromEntries(names.map((name, f) => [name, (cols[f] as unknown[])[i]]));

    const expected = accumulators();
    for (let i = 0; i < n; i++)
      observeRecord(expected, types, names, recordOf(training, i), recordOf(serving, i), lines[i] as number);

    const actual = accumulators();
    const columns = types.map((_, f) => ({ training: training[f] as unknown[], serving: serving[f] as unknown[] }));
    observeColumns(actual, types, columns, skip, lines);
    for (let i = 0; i < n; i++)
      if (skip[i] !== 0)
        observeRecord(actual, types, names, recordOf(training, i), recordOf(serving, i), lines[i] as number);

    const tally = (accs: ReturnType<typeof accumulators>) =>
      accs.map((a) => (a === undefined ? a : distributionTally(a)));
    expect(tally(actual)).toEqual(tally(expected));
  });

  it('counts numbers from typed arrays as from arrays', () => {
    const n = 3000;
    // Both sides agree on every third row (one bucket for both), and one side alone is NaN or infinite now and then
    const values = (side: number) =>
      Float64Array.from({ length: n }, (_, i) =>
        i % 31 === 0 && side === 0
          ? Number.NaN
          : i % 37 === 0
            ? side === 0
              ? Infinity
              : -Infinity
            : i % 41 === 0 && side === 1
              ? Number.NaN
              : i % 3 === 0
                ? i * 0.7 - 50
                : i * 0.7 - 50 + side,
      );
    const skip = Uint8Array.from({ length: n }, (_, i) => (i % 7 === 0 ? 1 : 0));
    const lines = Array.from({ length: n }, (_, i) => i + 1);
    const floats: FeatureSpec['type'][] = ['float'];
    const typed = [newFeatureAccumulator({ type: 'float' })];
    observeColumns(typed, floats, [{ training: values(0), serving: values(1) }], skip, lines);
    const plain = [newFeatureAccumulator({ type: 'float' })];
    observeColumns(plain, floats, [{ training: [...values(0)], serving: [...values(1)] }], skip, lines);
    const tally = (accs: typeof typed) => accs.map((a) => (a === undefined ? a : distributionTally(a)));
    expect(tally(typed)).toEqual(tally(plain));
    expect(typed[0]?.training.nan).toBeGreaterThan(0);
    expect(typed[0]?.serving.nan).toBeGreaterThan(0);
    expect(typed[0]?.scatter.of).toBeGreaterThan(0);
  });
});
