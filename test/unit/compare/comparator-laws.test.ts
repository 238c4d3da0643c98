import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileComparator } from '../../../src/compare/compare-features.ts';
import { withinTolerance } from '../../../src/compare/numbers.ts';
import { defineContract } from '../../../src/contract/define-contract.ts';

const contract = defineContract({
  name: 'laws',
  version: '1',
  entity: 'id',
  input: z.object({ id: z.string() }),
  features: {
    i: { type: 'int', nullable: true },
    f: { type: 'float', nullable: true, allowNaN: true, tolerance: { abs: 1e-9, rel: 1e-6 } },
    b: { type: 'bool' },
    s: { type: 'string' },
    t: { type: 'timestamp', tolerance: { ms: 5 } },
    v: { type: 'vector', length: 3, tolerance: { mode: 'elementwise', abs: 1e-6 } },
  },
});
const compare = compileComparator(contract);

const record = fc.record({
  i: fc.oneof(fc.integer(), fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.constant(null)),
  f: fc.oneof(fc.double(), fc.constant(null), fc.constant(-0)),
  b: fc.boolean(),
  s: fc.string({ unit: 'grapheme' }),
  t: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  v: fc.array(fc.double({ noNaN: true }), { minLength: 3, maxLength: 3 }),
});

describe('comparator laws', () => {
  it('is reflexive: a record never diverges from itself (no value or type divergence)', () => {
    fc.assert(
      fc.property(record, (r) => {
        expect(compare(r, r).filter((d) => d.kind !== 'contract')).toEqual([]);
      }),
    );
  });

  it('is symmetric: swapping sides finds the same features with the same kinds', () => {
    fc.assert(
      fc.property(record, record, (a, b) => {
        const ab = compare(a, b).map((d) => `${d.feature}:${d.kind}`);
        const ba = compare(b, a).map((d) => `${d.feature}:${d.kind}`);
        expect(ab).toEqual(ba);
      }),
    );
  });

  it('is monotone in tolerance: what passes a tolerance passes every larger one', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true }),
        fc.double({ noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (a, b, abs, rel, extra) => {
          if (withinTolerance(a, b, { abs, rel })) {
            expect(withinTolerance(a, b, { abs: abs + extra, rel })).toBe(true);
            expect(withinTolerance(a, b, { abs, rel: rel + extra })).toBe(true);
          }
        },
      ),
    );
  });

  it('float tolerance is symmetric', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), fc.double({ min: 0, max: 10, noNaN: true }), (a, b, abs) => {
        expect(withinTolerance(a, b, { abs, rel: 1e-3 })).toBe(withinTolerance(b, a, { abs, rel: 1e-3 }));
      }),
    );
  });
});
