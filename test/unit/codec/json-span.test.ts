import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { replaceNonJsonTokens, topLevelValueSpan } from '../../../src/codec/json-span.ts';

const spanText = (text: string, key: string) => {
  const span = topLevelValueSpan(text, key);
  return span === undefined ? undefined : text.slice(span.start, span.end);
};

describe('topLevelValueSpan', () => {
  it('finds the text of a top-level value byte for byte, whatever it holds', () => {
    const text = '{"name":"a","input":{"x":20.0,"id":9223372036854775807,"s":"}\\"{"} ,"training":[1,{"b":[]}]}';
    expect(spanText(text, 'input')).toBe('{"x":20.0,"id":9223372036854775807,"s":"}\\"{"}');
    expect(spanText(text, 'name')).toBe('"a"');
    expect(spanText(text, 'training')).toBe('[1,{"b":[]}]');
  });

  it('reads scalars, NaN tokens and whitespace, and compares keys after unescaping', () => {
    const text = ' { "a" : -0.0 , "\\u0069nput" : NaN, "c": null } ';
    expect(spanText(text, 'a')).toBe('-0.0');
    expect(spanText(text, 'input')).toBe('NaN');
    expect(spanText(text, 'c')).toBe('null');
  });

  it('skips nested keys of the same name and takes the last of a repeated key, as JSON.parse does', () => {
    expect(spanText('{"outer":{"input":1},"input":2}', 'input')).toBe('2');
    expect(spanText('{"input":1,"input":"𝄞"}', 'input')).toBe('"𝄞"');
    expect(spanText('{"outer":{"input":1}}', 'input')).toBeUndefined();
  });

  it('is undefined for text that is not an object', () => {
    for (const text of ['[1]', '"input"', '{}', '{"input":', '{"input":"open}', '{"input" 1}', '']) {
      expect(spanText(text, 'input')).toBeUndefined();
    }
  });

  it('agrees with JSON.parse on any object', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.string(), (object, key) => {
        const text = JSON.stringify(object);
        const found = spanText(text, key);
        if (!Object.hasOwn(object, key)) expect(found).toBeUndefined();
        else expect(JSON.parse(found as string)).toEqual(JSON.parse(JSON.stringify(object[key])));
      }),
    );
  });
});

describe('replaceNonJsonTokens', () => {
  it('rewrites NaN, Infinity and -Infinity outside strings and leaves everything else as written', () => {
    const text = '{"a":NaN,"b":[Infinity, -Infinity],"c":"NaN -Infinity","d":20.0,"e":-1}';
    expect(replaceNonJsonTokens(text, (t) => `<${t}>`)).toBe(
      '{"a":<NaN>,"b":[<Infinity>, <-Infinity>],"c":"NaN -Infinity","d":20.0,"e":-1}',
    );
  });

  it('returns JSON text unchanged', () => {
    const text = '{"s":"a \\" NaN","n":[1e5,-0]}';
    expect(replaceNonJsonTokens(text, () => 'x')).toBe(text);
  });
});
