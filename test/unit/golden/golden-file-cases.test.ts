import { describe, expect, it } from 'vitest';
import {
  formatGoldenFile,
  type GoldenFile,
  type GoldenHistoryCase,
  goldenEvents,
  parseGoldenFile,
  verbatimInputText,
} from '../../../src/golden/golden-file.ts';

const HEADER = '{"golden":1,"contract":"c","version":"1"}';

describe('golden files: histories, sources and verbatim inputs', () => {
  it('writes a history per event and a source other than config, and reads them back', () => {
    // Arrange
    const file: GoldenFile = {
      contract: 'c',
      version: '1',
      cases: [
        {
          name: 'h',
          source: 'corpus',
          shape: 'history',
          input: [{ n: 1 }, { n: 2n ** 63n }],
          training: [{ a: 1 }, { a: Number.NaN }],
          serving: [{ a: 1 }, { a: -0 }],
        },
        { name: 'r', source: 'config', input: { n: 1 }, training: { a: 1 }, serving: { a: 1 } },
      ],
    };
    // Act
    const text = formatGoldenFile(file, ['a']);
    const back = parseGoldenFile(text, 'g.jsonl');
    // Assert
    expect(text).toBe(
      `${HEADER}\n` +
        '{"name":"h","source":"corpus","shape":"history","input":[{"n":1},{"n":{"$bigint":"9223372036854775808"}}],' +
        '"training":[{"a":1},{"a":{"$number":"NaN"}}],"serving":[{"a":1},{"a":{"$number":"-0"}}]}\n' +
        '{"name":"r","input":{"n":1},"training":{"a":1},"serving":{"a":1}}\n',
    );
    const h = back.cases[0] as GoldenHistoryCase;
    expect(h).toMatchObject({ name: 'h', source: 'corpus', shape: 'history', line: 2 });
    expect(h.input).toEqual([{ n: 1 }, { n: 2n ** 63n }]);
    expect(Object.is(goldenEvents(h, 'serving')[1]?.a, -0)).toBe(true);
    expect(back.cases[1]).not.toHaveProperty('source');
    expect(goldenEvents(back.cases[1] as GoldenHistoryCase, 'training')).toEqual([{ a: 1 }]);
    expect(formatGoldenFile(back, ['a'])).toBe(text);
  });

  it('keeps the text of each input byte for byte: 20.0, integers beyond 2^63, spacing, escapes', () => {
    // Arrange: a file as a log sampler wrote it
    const text =
      `${HEADER}\n` +
      '{"name":"a","source":"log","input":{"x": 20.0, "id":18446744073709551617,"s":"\\u00e9𝄞"},"training":{"a":1},"serving":{"a":1}}\n';
    // Act
    const parsed = parseGoldenFile(text, 'g.jsonl');
    // Assert
    expect(parsed.cases[0]?.input).toEqual({ x: 20, id: 18446744073709551617n, s: 'é𝄞' });
    expect(parsed.cases[0]?.inputText).toBe('{"x": 20.0, "id":18446744073709551617,"s":"\\u00e9𝄞"}');
    expect(formatGoldenFile(parsed, ['a'])).toBe(text);
  });

  it('refuses a history whose feature records are not one per event, or an unknown source or shape', () => {
    const parse = (line: string) => () => parseGoldenFile(`${HEADER}\n${line}\n`, 'g.jsonl');
    expect(parse('{"name":"h","shape":"history","input":[{},{}],"training":[{}],"serving":[{},{}]}')).toThrow(
      /g.jsonl:2: not a golden case .*one feature record per event/,
    );
    expect(parse('{"name":"h","shape":"history","input":{},"training":[],"serving":[]}')).toThrow(/g.jsonl:2/);
    expect(parse('{"name":"r","source":"hand","input":{},"training":{},"serving":{}}')).toThrow(/g.jsonl:2/);
    expect(parse('{"name":"r","shape":"table","input":{},"training":{},"serving":{}}')).toThrow(/g.jsonl:2/);
  });
});

describe('verbatimInputText', () => {
  it('keeps one line of JSON that reads as the input, trimmed, with NaN and Infinity as the corpus tags', () => {
    expect(verbatimInputText(' {"x":20.0} ', { x: 20 })).toBe('{"x":20.0}');
    expect(verbatimInputText('{"id":9223372036854775807}', { id: 9223372036854775807n })).toBe(
      '{"id":9223372036854775807}',
    );
    expect(
      verbatimInputText('[{"x":NaN,"s":"NaN"},{"x":-Infinity}]', [
        { x: Number.NaN, s: 'NaN' },
        { x: Number.NEGATIVE_INFINITY },
      ]),
    ).toBe('[{"x":{"$number":"NaN"},"s":"NaN"},{"x":{"$number":"-Infinity"}}]');
    expect(verbatimInputText('{"x":-0.0}', { x: -0 })).toBe('{"x":-0.0}');
  });

  it('is undefined for text on several lines, text that is not JSON, or text that reads as another input', () => {
    expect(verbatimInputText('{"x":\n1}', { x: 1 })).toBeUndefined();
    expect(verbatimInputText('{"x":1', { x: 1 })).toBeUndefined();
    expect(verbatimInputText('{"x":1}', { x: 2 })).toBeUndefined();
    expect(verbatimInputText('{"x":0}', { x: -0 })).toBeUndefined();
    expect(verbatimInputText('{"id":9223372036854775807}', { id: 2 ** 63 })).toBeUndefined();
    expect(verbatimInputText(undefined, { x: 1 })).toBeUndefined();
    expect(verbatimInputText('', {})).toBeUndefined();
  });
});
