import { describe, expect, it } from 'vitest';
import { capValue } from '../../../src/replay/tally/cap-value.ts';

describe('capValue', () => {
  it('cuts a long string, saying its full length, inside objects and arrays too', () => {
    const big = 'x'.repeat(10_000_000);
    const capped = capValue({ a: big, list: ['short', big], n: 1 }) as { a: string; list: string[]; n: number };
    expect(capped.a.length).toBeLessThan(17_000);
    expect(capped.a.endsWith('…[cut: 10,000,000 chars in all]')).toBe(true);
    expect(capped.list[0]).toBe('short');
    expect(capped.list[1]?.endsWith('…[cut: 10,000,000 chars in all]')).toBe(true);
    expect(capped.n).toBe(1);
  });

  it('returns the same value when nothing is long', () => {
    const value = { a: 'x'.repeat(16_384), b: [1, 2n, null] };
    expect(capValue(value)).toBe(value);
  });
});
