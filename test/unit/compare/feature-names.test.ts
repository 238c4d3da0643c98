import { describe, expect, it } from 'vitest';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import { contractWith } from './_one-feature.ts';

describe('the comparator reads features by any name', () => {
  it('compares features whose names hold quotes, backslashes, line breaks and template characters', () => {
    // Arrange
    const template = `$${'{x}'}\``; // the characters of a template literal's placeholder and end
    const names = ['a"b', 'c\\d', 'e\nf', 'g\u2028h', template, 'constructor'];
    const contract = contractWith(Object.fromEntries(names.map((n) => [n, { type: 'int' as const }])));
    const training = Object.fromEntries(names.map((n, i) => [n, i]));
    const serving = { ...training, 'c\\d': 99, [template]: undefined };
    const seen: number[] = [];
    // Act
    const divergences = compileComparator(contract)(training, serving, (i) => seen.push(i));
    // Assert
    expect(divergences.map((d) => [d.feature, d.kind])).toEqual([
      ['c\\d', 'value'],
      [template, 'missing'],
    ]);
    expect(seen).toEqual([0, 1, 2, 3, 5]);
  });
});
