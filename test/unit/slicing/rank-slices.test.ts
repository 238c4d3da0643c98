import { describe, expect, it } from 'vitest';
import { countInput } from '../../../src/slicing/count-input.ts';
import { rankSlices } from '../../../src/slicing/rank-slices.ts';
import { newSliceCounts, type SliceCounts } from '../../../src/slicing/slice-counts.ts';

const ZONES = ['Australia/Sydney', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC'];

function counted(inputs: readonly unknown[]): SliceCounts {
  const counts = newSliceCounts();
  for (const input of inputs) countInput(counts, input);
  return counts;
}

/** 1000 records, a fifth in each zone, amounts with cents, one in ten ending in .5. */
const log = Array.from({ length: 1000 }, (_, i) => ({
  cardholder_tz: ZONES[i % 5],
  amount: i % 10 === 0 ? 20.5 + i : 10.25 + i,
  merchant: `m${i % 3}`,
}));

describe('rankSlices', () => {
  it('ranks first the value every record of the class shares, with its share of the class and of the log', () => {
    const cls = log.filter((r) => r.cardholder_tz === 'Australia/Sydney' && r.amount % 3 < 2);
    const slices = rankSlices(counted(cls), counted(log));
    expect(slices[0]).toEqual({
      predicate: 'cardholder_tz = "Australia/Sydney"',
      field: 'cardholder_tz',
      inClass: 1,
      inLog: 0.2,
      lift: 5,
    });
    // A predicate implied by a better one on the same field (its length bucket) is left out.
    expect(slices.filter((s) => s.field === 'cardholder_tz')).toHaveLength(1);
    expect(slices.length).toBeLessThanOrEqual(5);
  });

  it('finds a numeric shape such as "ends in .5"', () => {
    const cls = log.filter((r) => String(r.amount).endsWith('.5'));
    const slices = rankSlices(counted(cls), counted(log));
    expect(slices[0]?.predicate).toBe('amount ends in .5');
    expect(slices[0]?.inClass).toBe(1);
    expect(slices.map((s) => s.predicate)).not.toContain('amount is fractional');
  });

  it('finds a field the class lacks', () => {
    const records = log.map((r, i) => (i % 4 === 0 ? { amount: r.amount } : r));
    const cls = records.filter((r) => !('merchant' in r));
    expect(rankSlices(counted(cls), counted(records)).map((s) => s.predicate)).toContain('merchant is absent');
  });

  it('finds nothing for a class drawn at random, a tiny class, or a class that is the whole log', () => {
    const random = log.filter((_, i) => (i * 7919) % 13 === 0);
    expect(rankSlices(counted(random), counted(log))).toEqual([]);
    expect(rankSlices(counted(log.slice(0, 2)), counted(log))).toEqual([]);
    expect(rankSlices(counted(log), counted(log))).toEqual([]);
  });
});
