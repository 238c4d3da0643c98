import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../../src/codec/utf8.ts';

describe('firstInvalidUtf8', () => {
  it('is -1 for valid UTF-8, a literal U+FFFD and astral-plane characters included', () => {
    expect(firstInvalidUtf8(Buffer.from('{"a":"é𝄞\uFFFD"}'))).toBe(-1);
  });

  it.each([
    ['a stray continuation byte', [0x61, 0x62, 0x80, 0x63], 2],
    ['a truncated sequence before ASCII', [0x61, 0xe2, 0x82, 0x61], 1],
    ['an overlong encoding', [0x61, 0x61, 0x61, 0xc0, 0xaf], 3],
    ['a surrogate', [0x7b, 0xed, 0xa0, 0x80], 1],
    ['a sequence cut at the end', [0x61, 0x62, 0xf0, 0x9f], 2],
  ])('finds %s', (_what, bytes, at) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(at);
  });
});
