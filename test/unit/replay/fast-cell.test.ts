import { describe, expect, it } from 'vitest';
import type { FeatureSpec } from '../../../src/contract/feature-spec.ts';
import { fastCell, numberDoubter } from '../../../src/replay/columnar/fast-cell.ts';

const SPECIAL = [0, -0, 1, -1, 0.5, 1e-9, 2 ** 53, 2 ** 53 + 2, Number.NaN, Infinity, -Infinity, 1.05, 1.1, 100, 100.4];

describe('numberDoubter', () => {
  it('doubts exactly the rows fastCell doubts (int and float features, tolerances, NaN, infinities, -0)', () => {
    const specs: FeatureSpec[] = [
      { type: 'int' },
      { type: 'float' },
      { type: 'float', tolerance: { abs: 0.1 } },
      { type: 'float', tolerance: { rel: 0.01 } },
      { type: 'float', tolerance: { abs: 0.05, rel: 0.01, rule: 'isclose' } },
    ];
    const a: number[] = [];
    const b: number[] = [];
    for (const x of SPECIAL) {
      for (const y of SPECIAL) {
        a.push(x);
        b.push(y);
      }
    }
    for (let i = 0; i < 2000; i++) {
      const x = Math.round(Math.random() * 1000) / 8;
      a.push(x);
      b.push(x + (Math.random() - 0.5) * 0.3);
    }
    for (const spec of specs) {
      const doubt = numberDoubter(spec);
      expect(doubt).toBeDefined();
      const got = new Uint8Array(a.length);
      got[3] = 1; // a row doubted already stays doubted
      doubt?.(Float64Array.from(a), Float64Array.from(b), got);
      const same = fastCell(spec);
      const expected = Uint8Array.from(a, (x, i) => (i === 3 || !same(x, b[i]) ? 1 : 0));
      expect(Array.from(got), JSON.stringify(spec)).toEqual(Array.from(expected));
    }
  });

  it('leaves features with a range, and other types, to fastCell', () => {
    expect(numberDoubter({ type: 'float', range: { min: 0, max: 1 } })).toBeUndefined();
    expect(numberDoubter({ type: 'bool' })).toBeUndefined();
  });
});
