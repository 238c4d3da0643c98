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
  it('reads 64-bit integers exactly wherever they sit, strings holding long digit runs untouched', () => {
    const text =
      '{"id":4611686018427387904,"s":"txn_00000000000000012345","q":"say \\"12345678901234567890\\"","n":[1e20,12345678901234567.5,-9223372036854775808],"o":{"x":9007199254740993}}';
    expect(parseLosslessJson(text)).toEqual({
      id: 4611686018427387904n,
      s: 'txn_00000000000000012345',
      q: 'say "12345678901234567890"',
      n: [1e20, Number('12345678901234567.5'), -9223372036854775808n],
      o: { x: 9007199254740993n },
    });
  });
  it('keeps the last of duplicate keys and an own __proto__ key as data, with 64-bit integers as with small ones', () => {
    const v = parseLosslessJson(
      '{"a":1,"b":12345678901234567891,"a":98765432109876543210,"__proto__":{"p":12345678901234567890}}',
    );
    expect(v).toEqual(
      JSON.parse('{"a":0,"b":0,"__proto__":{"p":0}}', (k, x) =>
        k === 'a' ? 98765432109876543210n : k === 'b' ? 12345678901234567891n : k === 'p' ? 12345678901234567890n : x,
      ),
    );
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
  });
  it('places 64-bit integers by their path: nested, in arrays of objects, under escaped keys, among duplicates', () => {
    expect(
      parseLosslessJson(
        ' { "a\\"b" : [ { "x" : 12345678901234567891 } , [ 1 , -12345678901234567891 ] ] , "\\u0069d" : 18446744073709551615 } ',
      ),
    ).toEqual({ 'a"b': [{ x: 12345678901234567891n }, [1, -12345678901234567891n]], id: 18446744073709551615n });
    expect(parseLosslessJson('{"o":{"a":12345678901234567891,"a":12345678901234567892},"p":[]}')).toEqual({
      o: { a: 12345678901234567892n },
      p: [],
    });
    expect(parseLosslessJson('{"o":{"a":12345678901234567891},"o":{"a":12345678901234567893}}')).toEqual({
      o: { a: 12345678901234567893n },
    });
    expect(parseLosslessJson('{"o":{"a":12345678901234567891},"o":{"a":1}}')).toEqual({ o: { a: 1 } });
    expect(parseLosslessJson('12345678901234567891')).toBe(12345678901234567891n);
    // Nested deeper than the scan follows (64), and more objects than its first table holds (256)
    const deep = `${'{"a":'.repeat(70)}12345678901234567891${'}'.repeat(70)}`;
    let value = parseLosslessJson(deep) as { a: unknown };
    for (let d = 1; d < 70; d++) value = value.a as { a: unknown };
    expect(value.a).toBe(12345678901234567891n);
    const many = `[${Array.from({ length: 300 }, (_, i) => `{"k":${i}}`).join(',')},{"k":12345678901234567891}]`;
    expect((parseLosslessJson(many) as { k: unknown }[])[300]?.k).toBe(12345678901234567891n);
    // A float token as long as a wide integer stays a double; an exponent too
    expect(parseLosslessJson('{"f":1234567890123456789.5,"e":12345678901234567e3,"i":-12345678901234567891}')).toEqual({
      f: Number('1234567890123456789.5'),
      e: Number('12345678901234567e3'),
      i: -12345678901234567891n,
    });
  });
  it('refuses what JSON refuses, however long the digits (leading zeros, an escaped NUL beside a wide integer)', () => {
    expect(() => parseLosslessJson('{"a":0012345678901234567}')).toThrow(JsonSyntaxError);
    expect(parseLosslessJson('{"a":"\\u0000","b":12345678901234567890}')).toEqual({
      a: '\u0000',
      b: 12345678901234567890n,
    });
  });
  it('round-trips any JSON value with 64-bit integers (property)', () => {
    const wide = fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).filter((b) => b > 2n ** 53n || b < -(2n ** 53n));
    const value = fc.letrec((tie) => ({
      node: fc.oneof(
        { depthSize: 'small' },
        wide,
        fc.integer(),
        // an integral double beyond 2^53 is written as an integer and read back exact, as a bigint
        fc
          .double({ noNaN: true, noDefaultInfinity: true })
          .filter((d) => !Number.isInteger(d) || Number.isSafeInteger(d)),
        fc.string({ unit: 'grapheme' }),
        fc.stringMatching(/^[a-z_]{0,3}\d{14,22}$/),
        fc.constantFrom(null, true, false),
        fc.array(tie('node'), { maxLength: 4 }),
        fc.dictionary(fc.string(), tie('node'), { maxKeys: 4 }),
      ),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(parseLosslessJson(stringifyLosslessJson(v))).toEqual(v);
      }),
      { numRuns: 300 },
    );
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
