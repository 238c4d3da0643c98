import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { type ClassExamples, Stratifier, type StratifyRow } from '../../../src/golden/stratify.ts';
import { selectStrata } from '../../../src/golden/stratify-select.ts';

const shop = defineContract({
  name: 'shop',
  version: '1.0.0',
  entity: 'user',
  timestamp: 'ts',
  input: z.object({ user: z.string(), ts: z.number() }),
  features: {
    kind: { type: 'category', values: ['a', 'b', 'c'], oov: 'other' },
    flag: { type: 'bool' },
    amount: { type: 'float' },
    gap: { type: 'float', nullable: true },
  },
});

/** Row `line` of a synthetic log: 101 records, amounts 0..100 in a scrambled order, 10 users. */
function row(line: number): StratifyRow {
  const amount = (line * 37) % 101;
  return {
    line,
    entity: `u${line % 10}`,
    timestamp: line * 1000,
    features: {
      kind: line === 50 ? 'zzz' : line % 7 === 0 ? 'other' : (['a', 'b', 'c'][line % 3] as string),
      flag: line % 2 === 0,
      amount,
      gap: line % 5 === 0 ? null : line,
    },
  };
}

const LINES = Array.from({ length: 101 }, (_, i) => i + 1);

function stratified(lines: readonly number[], histories = false): Stratifier {
  const s = new Stratifier(shop, { histories, maxHistoryEvents: 12 });
  for (const l of lines) s.observe(row(l));
  return s;
}

function lineWith(amount: number): number {
  return LINES.find((l) => (l * 37) % 101 === amount) as number;
}

describe('Stratifier', () => {
  it('names a stratum for every category and bool value seen, the contract’s order first, then unknown values', () => {
    // Act
    const names = stratified(LINES)
      .strata()
      .map((s) => s.name);
    // Assert
    expect(names.filter((n) => n.startsWith('log/category/') || n.startsWith('log/bool/'))).toEqual([
      'log/category/kind=a',
      'log/category/kind=b',
      'log/category/kind=c',
      'log/category/kind=other',
      'log/category/kind=zzz',
      'log/bool/flag=false',
      'log/bool/flag=true',
    ]);
  });

  it('takes null and non-null of a nullable feature, each from its first records of distinct entities', () => {
    // Act
    const strata = stratified(LINES).strata();
    // Assert
    const nulls = strata.find((s) => s.name === 'log/null/gap');
    // Lines 5, 10, 15, … are null; users are line % 10, so only u5 and u0 have nulls, first at 5 and 10.
    expect(nulls?.candidates).toEqual([
      expect.objectContaining({ line: 5, entity: 'u5' }),
      expect.objectContaining({ line: 10, entity: 'u0' }),
    ]);
    expect(strata.find((s) => s.name === 'log/non-null/gap')?.candidates[0]?.line).toBe(1);
    expect(strata.some((s) => s.name === 'log/null/amount')).toBe(false);
  });

  it('takes the smallest and the largest value and the quartiles of each numeric feature', () => {
    // Act
    const strata = stratified(LINES).strata();
    const first = (name: string) => strata.find((s) => s.name === name);
    // Assert
    expect(first('log/min/amount')?.candidates[0]?.line).toBe(lineWith(0));
    expect(first('log/max/amount')?.candidates[0]?.line).toBe(lineWith(100));
    expect(first('log/q25/amount')?.candidates[0]?.line).toBe(lineWith(25));
    expect(first('log/q50/amount')?.candidates[0]?.line).toBe(lineWith(50));
    expect(first('log/q75/amount')?.candidates[0]?.line).toBe(lineWith(75));
    expect(first('log/q50/amount')?.why).toBe('q50 of amount (50)');
    expect(first('log/min/gap')?.why).toBe('smallest gap (1)');
  });

  it('ends with the same strata and candidates whatever order the records come in (a replay visits partitions)', () => {
    // Arrange
    const scrambled = [...LINES].sort((a, b) => ((a * 53) % 101) - ((b * 53) % 101));
    const plain = (s: Stratifier) =>
      s.strata().map((x) => ({ name: x.name, why: x.why, lines: x.candidates.map((c) => c.line) }));
    // Act, Assert
    expect(plain(stratified(scrambled))).toEqual(plain(stratified(LINES)));
  });

  it('computes quantiles over a deterministic sample when the log has more records than it keeps, and says so', () => {
    // Arrange
    const s = new Stratifier(shop, { sampleSize: 20 });
    for (const l of LINES) s.observe(row(l));
    // Act
    const q50 = s.strata().find((x) => x.name === 'log/q50/amount');
    // Assert
    expect(q50?.why).toMatch(/^q50 of amount \(\d+, over a sample of 20 records\)$/);
    expect(s.strata().find((x) => x.name === 'log/max/amount')?.why).toBe('largest amount (100)');
  });
});

describe('selectStrata', () => {
  it('covers several strata with one record when it can, and says every reason', () => {
    // Act
    const { picks } = selectStrata(stratified(LINES).strata(), [], { cases: 50 });
    // Assert
    const first = picks[0];
    expect(first?.name).toBe('log/category/kind=a');
    expect(first?.lines).toEqual([3]);
    expect(picks.find((p) => p.lines[0] === 3)?.strata).toContain('kind = a');
    const flagTrue = picks.find((p) => p.strata.includes('flag = true'));
    expect(flagTrue?.name).not.toBe('log/bool/flag=true'); // a category pick already had flag true
    expect(new Set(picks.map((p) => p.name)).size).toBe(picks.length);
    expect(new Set(picks.map((p) => p.lines[0])).size).toBe(picks.length);
  });

  it('prefers a record of an entity no case uses yet, else the first record', () => {
    // Arrange
    const stratum = (name: string, candidates: [number, string][]) => ({
      name,
      why: name,
      priority: 0,
      candidates: candidates.map(([line, entity]) => ({ line, entity })),
    });
    const strata = [
      stratum('log/one', [[1, 'x']]),
      stratum('log/two', [
        [2, 'x'],
        [7, 'y'],
      ]),
      stratum('log/three', [
        [3, 'x'],
        [4, 'y'],
      ]),
    ];
    // Act
    const { picks } = selectStrata(strata, [], { cases: 50 });
    // Assert
    expect(picks.map((p) => [p.name, p.lines[0]])).toEqual([
      ['log/one', 1],
      ['log/two', 7],
      ['log/three', 3],
    ]);
  });

  it('--cases caps the picks in priority order: category values and divergence classes, then null, extremes, quantiles', () => {
    // Arrange
    const classes: ClassExamples[] = [
      { feature: 'amount', kind: 'value', cause: 'serving higher', count: 3, examples: [{ line: 99, entity: 'u9' }] },
    ];
    const strata = stratified(LINES).strata(classes);
    // Act
    const capped = selectStrata(strata, [], { cases: 6 });
    const all = selectStrata(strata, [], { cases: 100 });
    // Assert
    expect(capped.picks.map((p) => p.name)).toEqual([
      'log/category/kind=a',
      'log/category/kind=b',
      'log/category/kind=c',
      'log/category/kind=other',
      'log/category/kind=zzz',
      'log/class/amount.value',
    ]);
    expect(capped.picks.find((p) => p.name === 'log/class/amount.value')?.lines).toEqual([99]);
    expect(capped.leftOut).toContain('log/q50/amount');
    expect(capped.leftOut).not.toContain('log/bool/flag=true');
    expect(all.leftOut).toEqual([]);
    expect(all.picks.slice(0, 6)).toEqual(capped.picks.slice(0, 6).map((p) => ({ ...p, strata: expect.any(Array) })));
  });

  it('names a second class of the same feature and kind by its line', () => {
    // Arrange
    const classes: ClassExamples[] = [
      { feature: 'amount', kind: 'value', cause: 'serving higher', count: 3, examples: [{ line: 99, entity: 'u9' }] },
      { feature: 'amount', kind: 'value', cause: 'serving lower', count: 2, examples: [{ line: 98, entity: 'u8' }] },
    ];
    // Act
    const { picks } = selectStrata(stratified(LINES).strata(classes), [], { cases: 50 });
    // Assert
    expect(picks.map((p) => p.name)).toContain('log/class/amount.value');
    expect(picks.map((p) => p.name)).toContain('log/class/amount.value@98');
  });

  it('picks whole entity histories last: the longest, median and shortest, in time order, none over the limit', () => {
    // Arrange: users u0..u9 have 10 events each (too few to exceed 12); u-long has 13 (over the limit); u-pair 2
    const s = stratified(LINES, true);
    for (let i = 0; i < 13; i++) s.observe({ ...row(200 + i), entity: 'u-long' });
    s.observe({ ...row(300), entity: 'u-pair', timestamp: 5 });
    s.observe({ ...row(301), entity: 'u-pair', timestamp: 4 });
    // Act
    const histories = selectStrata([], s.histories(), { cases: 50 }).picks;
    // Assert
    expect(histories).toHaveLength(3);
    expect(histories.every((h) => h.shape === 'history')).toBe(true);
    expect(histories.map((h) => h.entity)).not.toContain('u-long');
    expect(histories[0]?.lines).toHaveLength(11);
    expect(histories[0]?.strata[0]).toMatch(/: 11 events \(the longest of the histories sampled\)$/);
    expect(histories.at(-1)?.name).toBe('log/history/u-pair');
    expect(histories.at(-1)?.lines).toEqual([301, 300]); // time order, not line order
  });

  it('takes histories of entities no record case uses first, and counts them against --cases', () => {
    // Arrange
    const s = stratified(LINES, true);
    const strata = s.strata();
    // Act
    const few = selectStrata(strata, s.histories(), { cases: 8 });
    const all = selectStrata(strata, s.histories(), { cases: 100 });
    // Assert
    expect(few.picks.some((p) => p.shape === 'history')).toBe(false);
    expect(few.leftOut.filter((n) => n.startsWith('log/history/'))).toHaveLength(3);
    const records = new Set(
      all.picks.filter((p) => p.shape === 'record').map((p) => `u${(p.lines[0] as number) % 10}`),
    );
    const histories = all.picks.filter((p) => p.shape === 'history');
    expect(histories).toHaveLength(3);
    // Users without a record case come first; the rest fall back to users that have one.
    const unused = 10 - records.size;
    expect(unused).toBeGreaterThan(0);
    expect(histories.slice(0, Math.min(3, unused)).every((h) => !records.has(h.entity))).toBe(true);
  });
});
