import { Float32, Float64, Int8, Int32, Int64, Uint32, Uint64, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { columnValues } from '../../../src/implementations/_arrow-decode.ts';
import { answerColumn } from '../../../src/replay/columnar/answer-column.ts';

describe('answerColumn', () => {
  it('gives what columnValues gives for number columns with nulls (floats, NaN, -0, narrow and 64-bit integers)', () => {
    const floats = Array.from({ length: 300 }, (_, i) =>
      i % 7 === 0 ? null : i === 5 ? Number.NaN : i === 6 ? -0 : i / 4,
    );
    const ints = Array.from({ length: 300 }, (_, i) => (i % 5 === 0 ? null : i - 150));
    const big = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? null : BigInt(i) * 10n ** 15n));
    const vectors = [
      vectorFromArray(floats, new Float64()),
      vectorFromArray(floats, new Float32()),
      vectorFromArray(ints, new Int32()),
      vectorFromArray(ints, new Int8()),
      vectorFromArray(
        ints.map((v) => (v === null ? null : Math.abs(v))),
        new Uint32(),
      ),
      vectorFromArray(
        ints.map((v) => (v === null ? null : BigInt(v))),
        new Int64(),
      ),
      // Beyond 2^53: bigints.
      vectorFromArray(big, new Int64()),
      vectorFromArray(
        ints.map((v) => (v === null ? null : BigInt(Math.abs(v)))),
        new Uint64(),
      ),
    ];
    for (const vector of vectors) {
      const rows = answerColumn(vector);
      const got = Array.from(rows(0, vector.length) as ArrayLike<unknown>);
      expect(got, String(vector.type)).toEqual(columnValues(vector));
      expect(got.filter((v) => v === null).length).toBe(vector.nullCount);
      // Read a range at a time: the same rows
      const ranged = [0, 97, 200, 300].flatMap((from, k, all) =>
        k === all.length - 1 ? [] : Array.from(rows(from, all[k + 1] as number) as ArrayLike<unknown>),
      );
      expect(ranged, String(vector.type)).toEqual(got);
    }
  });
});
