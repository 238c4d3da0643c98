import { describe, expect, it } from 'vitest';
import { formatGoldenFile, type GoldenRecordCase, parseGoldenFile } from '../../../src/golden/golden-file.ts';

const HEADER = '{"golden":1,"contract":"c","version":"1"}';

describe('golden files', () => {
  it('round-trips what JSON cannot hold, features in the contract order and other keys after, sorted', () => {
    // Arrange
    const file = {
      contract: 'c',
      version: '1',
      cases: [
        { name: 'b', input: { n: 2n ** 64n }, training: { zz: 1, a: -0 }, serving: { a: Number.NaN } },
        { name: 'a', input: { s: '😀' }, training: { a: Number.POSITIVE_INFINITY }, serving: { a: 1 } },
      ],
    };
    // Act
    const text = formatGoldenFile(file, ['a']);
    // Assert
    expect(text).toBe(
      `${HEADER}\n` +
        '{"name":"a","input":{"s":"😀"},"training":{"a":{"$number":"Infinity"}},"serving":{"a":1}}\n' +
        '{"name":"b","input":{"n":{"$bigint":"18446744073709551616"}},"training":{"a":{"$number":"-0"},"zz":1},"serving":{"a":{"$number":"NaN"}}}\n',
    );
    const back = parseGoldenFile(text, 'g.jsonl');
    expect(back.cases[1]?.input).toEqual({ n: 2n ** 64n });
    expect(Object.is((back.cases[1] as GoldenRecordCase).training.a, -0)).toBe(true);
  });

  it('refuses a line that is not a case, naming the file and line (SKEW_CONFIG_INVALID)', () => {
    const parse = (text: string) => () => parseGoldenFile(text, 'snapshots/c/golden.jsonl');
    expect(parse(`${HEADER}\n{"name":"a","input":1}\n`)).toThrow(
      expect.objectContaining({
        code: 'SKEW_CONFIG_INVALID',
        message: expect.stringMatching(/^parseGoldenFile: snapshots\/c\/golden.jsonl:2: not a golden case/),
      }),
    );
    expect(parse('{"contract":"c"}\n')).toThrow(/golden.jsonl:1: not a golden header/);
    expect(parse(`${HEADER}\nnope\n`)).toThrow(/golden.jsonl:2: not a JSON object/);
  });
});
