import { describe, expect, it } from 'vitest';
import { countColumns, type SliceColumn } from '../../../src/slicing/count-columns.ts';
import { countInput } from '../../../src/slicing/count-input.ts';
import { FIELD_CAP, newSliceCounts, VALUE_CAP } from '../../../src/slicing/slice-counts.ts';
import { sliceCountsJson } from '../../../src/slicing/slice-counts-json.ts';

/** Inputs of `n` records: ids, few kinds, nullable notes, flags, timestamps of three forms, amounts. */
function inputs(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i * 7919,
    kind: ['a', 'b', 'c'][i % 3],
    note: i % 5 === 0 ? null : `n${i % 150}`,
    flag: i % 4 === 0,
    ts: new Date(1_700_000_000_000 + i * 1_000_003)
      .toISOString()
      .replace('Z', ['', '123', '123456'][i % 3] ?? '')
      .concat('Z'),
    amount: i % 9 === 0 ? Number.NaN : (i * 37) / 7,
    big: BigInt(i) * 10n ** 18n,
  }));
}

function byRecords(records: readonly Record<string, unknown>[]) {
  const counts = newSliceCounts();
  for (const input of records) countInput(counts, input);
  return sliceCountsJson(counts);
}

function columnsOf(records: readonly Record<string, unknown>[], shapes: boolean): SliceColumn[] {
  const names = Object.keys(records[0] ?? {});
  return names.map((name) => {
    const value = (i: number) => (records[i] as Record<string, unknown>)[name];
    if (!shapes || name !== 'ts') return { name, value };
    // The shapes of a timestamp text are those of any text of its length (one form): the first of each.
    const first = new Map<number, string>();
    const shapeOf = (i: number) => {
      const text = value(i) as string;
      if (!first.has(text.length)) first.set(text.length, text);
      return first.get(text.length);
    };
    return { name, value, shapeOf };
  });
}

describe('countColumns', () => {
  it('counts what countInput counts record by record, shapes known or not', () => {
    for (const n of [0, 1, VALUE_CAP, VALUE_CAP + 1, 2000]) {
      const records = inputs(n);
      for (const shapes of [false, true]) {
        const counts = newSliceCounts();
        countColumns(counts, columnsOf(records, shapes), records.length);
        expect(sliceCountsJson(counts)).toEqual(byRecords(records));
      }
    }
  });

  it('adds to counts already made, in parts', () => {
    const records = inputs(700);
    const counts = newSliceCounts();
    for (const input of records.slice(0, 100)) countInput(counts, input);
    countColumns(counts, columnsOf(records.slice(100, 400), true), 300);
    countColumns(counts, columnsOf(records.slice(400), true), 300);
    expect(sliceCountsJson(counts)).toEqual(byRecords(records));
  });

  it('counts record by record near the field cap', () => {
    const wide = Array.from({ length: 3 }, (_, r) =>
      Object.fromEntries(Array.from({ length: FIELD_CAP + 10 }, (_, i) => [`f${String(i).padStart(3, '0')}`, i + r])),
    );
    const counts = newSliceCounts();
    countColumns(counts, columnsOf(wide, false), wide.length);
    expect(sliceCountsJson(counts)).toEqual(byRecords(wide));
  });
});
