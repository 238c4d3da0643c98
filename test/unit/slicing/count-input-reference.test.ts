import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countField, countInput } from '../../../src/slicing/count-input.ts';
import {
  allFields,
  childField,
  DEPTH_CAP,
  FIELD_CAP,
  newSliceCounts,
  type SliceCounts,
} from '../../../src/slicing/slice-counts.ts';

/** countInput as first written: each top-level field found through `childField` by its key, keys from Object.keys. */
function referenceCountInput(counts: SliceCounts, input: unknown): void {
  counts.records++;
  if (input !== null && typeof input === 'object' && !Array.isArray(input)) {
    const object = input as Record<string, unknown>;
    for (const key of Object.keys(object)) {
      const value = object[key];
      if (value === undefined) continue;
      const f = childField(counts, undefined, key);
      if (f !== undefined) countField(counts, f, value, 1);
    }
    return;
  }
  const f = childField(counts, undefined, '(input)');
  if (f !== undefined) countField(counts, f, input, DEPTH_CAP);
}

/** Everything counted, maps in their insertion order. */
function snapshot(counts: SliceCounts): unknown {
  return {
    records: counts.records,
    fieldCount: counts.fieldCount,
    fields: allFields(counts).map((f) => [
      f.path,
      f.present,
      f.values === null ? null : [...f.values],
      [...f.slots],
      f.offsets === null ? null : [...f.offsets],
    ]),
  };
}

const leaf = fc.oneof(
  fc.constantFrom(null, undefined, 0, 1.5, -2, 'a', '', ' x', '2026-03-01T00:00:00Z', true, false, 10n),
  fc.integer({ min: -50, max: 50 }),
  fc.string({ maxLength: 6 }),
);
/** Keys from a small pool (inputs share most keys, in varying orders), and now and then many new ones. */
const key = fc.oneof(
  fc.constantFrom('id', 'amount', 'ts', 'tz', 'b', '__proto__', '10', '2'),
  fc.string({ minLength: 1, maxLength: 4 }),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('object'), fc.array(leaf, { maxLength: 3 })),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
})).value;
const input = fc.oneof(fc.dictionary(key, value, { maxKeys: 8 }), leaf);

describe('countInput', () => {
  it('counts exactly what finding each field by its key counts, whatever keys and orders inputs have', () => {
    fc.assert(
      fc.property(fc.array(input, { maxLength: 60 }), (inputs) => {
        const fast = newSliceCounts();
        const reference = newSliceCounts();
        for (const i of inputs) {
          countInput(fast, i);
          referenceCountInput(reference, i);
        }
        expect(snapshot(fast)).toEqual(snapshot(reference));
      }),
      { numRuns: 300 },
    );
  });

  it('counts the same past the field cap, when nested paths push out top-level ones', () => {
    const fast = newSliceCounts();
    const reference = newSliceCounts();
    for (let i = 0; i < 3 * FIELD_CAP; i++) {
      // The same top-level keys each time, then nested fields that sort before the last ones and push them out.
      const input: Record<string, unknown> = { a: i % 3, zz: `v${i % 5}`, m: { [`k${i}`]: i, [`j${i % 7}`]: 'x' } };
      if (i % 4 === 0) input[`b${i}`] = i;
      input.zzz = i % 2 === 0;
      countInput(fast, input);
      referenceCountInput(reference, input);
      if (i % 64 === 0) expect(snapshot(fast)).toEqual(snapshot(reference));
    }
    expect(snapshot(fast)).toEqual(snapshot(reference));
    expect(fast.fieldCount).toBe(FIELD_CAP);
  });
});
