import { describe, expect, it } from 'vitest';
import { SkewError } from '../../../src/errors.ts';
import { parseInvalidBudget, withinInvalidBudget } from '../../../src/gate/invalid-budget.ts';

describe('--max-invalid <n|p%>', () => {
  it('parses a count or a percent of the lines read', () => {
    expect(parseInvalidBudget('0')).toEqual({ count: 0 });
    expect(parseInvalidBudget('12')).toEqual({ count: 12 });
    expect(parseInvalidBudget('0.5%')).toEqual({ percent: 0.5 });
    expect(parseInvalidBudget('100%')).toEqual({ percent: 100 });
  });

  it.each(['-1', '1.5', 'ten', '101%', '%', ''])('refuses %j with SKEW_USAGE', (text) => {
    const attempt = () => parseInvalidBudget(text);
    expect(attempt).toThrow(SkewError);
    expect(attempt).toThrow(/--max-invalid: expected a count \(e\.g\. 10\) or a percent of the lines read/);
  });

  it('a count caps invalid lines; a percent caps their share of the lines read', () => {
    expect(withinInvalidBudget(3, 100, { count: 3 })).toBe(true);
    expect(withinInvalidBudget(4, 100, { count: 3 })).toBe(false);
    expect(withinInvalidBudget(5, 100, { percent: 5 })).toBe(true);
    expect(withinInvalidBudget(6, 100, { percent: 5 })).toBe(false);
  });
});
