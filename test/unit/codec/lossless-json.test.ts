import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';

describe('parseLosslessJson', () => {
  it('keeps integers beyond 2^53 exact as bigint', () => {
    expect(parseLosslessJson('{"user_id": 9007199254740993}')).toEqual({ user_id: 9007199254740993n });
    expect(parseLosslessJson('[-12345678901234567890, 9007199254740991]')).toEqual([
      -12345678901234567890n,
      9007199254740991,
    ]);
  });
  it("reads Python json.dumps' NaN and Infinity tokens", () => {
    const v = parseLosslessJson('{"a": NaN, "b": Infinity, "c": -Infinity, "d": "NaN"}') as Record<string, unknown>;
    expect(v.a).toBeNaN();
    expect(v.b).toBe(Number.POSITIVE_INFINITY);
    expect(v.c).toBe(Number.NEGATIVE_INFINITY);
    expect(v.d).toBe('NaN');
  });
  it('keeps floats as doubles and -0 as -0', () => {
    expect(parseLosslessJson('[1.5, 1e300, -0, 0.1234567890123456789]')).toEqual([1.5, 1e300, -0, 0.12345678901234568]);
    expect(Object.is((parseLosslessJson('[-0.0, 12345678901234567]') as number[])[0], -0)).toBe(true);
  });
  it('writes -0 as -0.0 so that it stays negative zero in JavaScript and Python', () => {
    expect(stringifyLosslessJson({ x: -0 })).toBe('{"x":-0.0}');
    expect(Object.is((parseLosslessJson('{"x":-0.0}') as { x: number }).x, -0)).toBe(true);
  });
  it('reports the offset of a syntax error', () => {
    try {
      parseLosslessJson('{"a": 12345678901234567, "b": }');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JsonSyntaxError);
      expect((error as JsonSyntaxError).offset).toBe(30);
    }
  });
  it('rejects a truncated line', () => {
    expect(() => parseLosslessJson('{"a": [1, 2')).toThrow(JsonSyntaxError);
  });
  it('does not let "__proto__" pollute objects', () => {
    const v = parseLosslessJson('{"__proto__": {"x": 1}, "n": NaN}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__', 'n']);
  });
  it('round-trips any JSON value with big integers through stringifyLosslessJson', () => {
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).filter((n) => !Number.isSafeInteger(Number(n))),
        // a double that is an integer beyond 2^53 reads back as the exact bigint of the same value
        fc.double().filter((d) => !Number.isInteger(d) || Number.isSafeInteger(d)),
        fc.string(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('node')),
        fc.dictionary(fc.string(), tie('node')),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        const back = parseLosslessJson(stringifyLosslessJson(v));
        expect(back).toEqual(v);
      }),
      { numRuns: 2000 },
    );
  });
});
