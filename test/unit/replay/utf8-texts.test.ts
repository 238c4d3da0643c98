import { type Data, Utf8, vectorFromArray } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { holdsLines, utf8Texts } from '../../../src/replay/columnar/utf8-texts.ts';

function data(texts: readonly (string | null)[]): Data<Utf8> {
  return vectorFromArray(texts, new Utf8()).data[0] as Data<Utf8>;
}

describe('utf8Texts', () => {
  it('gives every row its text (short, long, very long, non-ASCII, empty, null), repeated texts shared', () => {
    const distinct = [
      '',
      'US',
      'abcdef',
      'abcdeg',
      'credit_card',
      'débit',
      '日本語のテキスト',
      'x'.repeat(47),
      'y'.repeat(200),
    ];
    const texts = Array.from({ length: 3000 }, (_, i) =>
      i % 17 === 0 ? null : (distinct[i % distinct.length] as string),
    );
    // Many distinct texts too, beyond what is remembered.
    for (let i = 0; i < 12_000; i++) texts.push(`label-${i}`, `l${i % 300}`);
    expect(utf8Texts(data(texts))).toEqual(texts);
  });
});

describe('holdsLines', () => {
  it('says whether a column holds exactly the lines as decimal texts', () => {
    const lines = [1, 22, 333, 10, 100_000_000_001];
    expect(holdsLines(data(lines.map(String)), lines)).toBe(true);
    expect(holdsLines(data(['1', '22', '334', '10', '100000000001']), lines)).toBe(false);
    expect(holdsLines(data(['1', '22', '333', '010', '100000000001']), lines)).toBe(false);
    expect(holdsLines(data(['1', '22', '333', '0', '100000000001']), lines)).toBe(false);
    expect(holdsLines(data(['1', '22']), [1, 22, 333])).toBe(false);
    expect(holdsLines(data(['1', null, '333']), [1, 22, 333])).toBe(false);
    expect(holdsLines(data(['1', '', '333']), [1, 22, 333])).toBe(false);
  });
});
