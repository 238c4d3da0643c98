import { describe, expect, it } from 'vitest';
import { multiple, nextAfter } from '../../../src/arbitraries/_numeric.ts';
import { fitLength } from '../../../src/arbitraries/string-edges.ts';

describe('fitLength', () => {
  it('pads by repeating the string, then with the pad character', () => {
    expect(fitLength('ab', 5, undefined)).toBe('ababab');
    expect(fitLength('', 2, undefined)).toBe('xx');
    expect(fitLength('ab', 3, 3, 'X')).toBe('aba');
  });

  it('cuts on code point boundaries, never leaving half a surrogate pair', () => {
    expect(fitLength('abc', 0, 2)).toBe('ab');
    expect(fitLength('😀', 3, 3)).toBe('😀x');
    expect(fitLength('a😀', 0, 2)).toBe('a');
  });
});

describe('numeric helpers', () => {
  it('nextAfter steps one double', () => {
    expect(nextAfter(1, 2)).toBe(1 + Number.EPSILON);
    expect(nextAfter(0, -1)).toBe(-Number.MIN_VALUE);
    expect(nextAfter(-1, 0)).toBeGreaterThan(-1);
  });

  it('multiple rounds to the decimals of the step', () => {
    expect(multiple(3, 0.1)).toBe(0.3);
    expect(multiple(7, 0.25)).toBe(1.75);
    expect(multiple(3, 1e-7)).toBe(3e-7);
  });
});
