import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';
import { ChunkKeyReader, entityKeyOf, findEntityKey as findKeyBytes } from '../../../src/replay/decode/entity-key.ts';

const findEntityKey = (line: string, key: string): string | undefined =>
  findKeyBytes(Buffer.from(line), Buffer.from(JSON.stringify(key)))?.toString('utf8');

describe('findEntityKey', () => {
  it('reads string and integer entities without parsing', () => {
    expect(findEntityKey('{"input":{"card_id":"c1","x":2}}', 'card_id')).toBe('c1');
    expect(findEntityKey('{"input":{"card_id": 9007199254740993}}', 'card_id')).toBe('9007199254740993');
    expect(findEntityKey('{"input":{"card_id":"a\\"b"}}', 'card_id')).toBe('a"b');
  });
  it('gives up (so the caller parses) when the key is ambiguous or not a plain value', () => {
    expect(findEntityKey('{"input":{"card_id":"a"},"served":{"card_id":"b"}}', 'card_id')).toBeUndefined();
    expect(findEntityKey('{"input":{"card_id":1.5}}', 'card_id')).toBeUndefined();
    expect(findEntityKey('{"input":{"name":"\\"card_id\\": 1"}}', 'card_id')).toBeUndefined();
  });
  it('agrees with a full parse whenever it answers', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.bigInt()), fc.string(), (entity, other) => {
        const line = stringifyLosslessJson({ timestamp: 1, input: { note: other, card_id: entity } });
        const fast = findEntityKey(line, 'card_id');
        const parsed = (parseLosslessJson(line) as { input: { card_id: unknown } }).input.card_id;
        if (fast !== undefined) expect(fast).toBe(entityKeyOf(parsed));
      }),
    );
  });
});

describe('ChunkKeyReader', () => {
  const needle = Buffer.from('"card_id"');
  const line = fc.oneof(
    fc.constantFrom(
      '{"input":{"card_id":"c1"}}',
      '{"input":{"card_id": 42,"x":1}}',
      '{"input":{"card_id":"a"},"served":{"card_id":"b"}}',
      '{"input":{"name":"\\"card_id\\": 1"}}',
      '{"input":{"other":1}}',
      '"card_id"',
      '',
      'not json "card_id":',
    ),
    fc.string().map((s) => JSON.stringify({ input: { note: s, card_id: s } })),
  );

  it('answers for every line of a chunk what findEntityKey answers for that line alone', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
        const chunk = Buffer.from(lines.join('\n'));
        const reader = new ChunkKeyReader(chunk, needle);
        let from = 0;
        for (const text of lines) {
          const to = from + Buffer.byteLength(text);
          expect(reader.keyOf(from, to)?.toString()).toBe(findKeyBytes(chunk, needle, from, to)?.toString());
          from = to + 1;
        }
      }),
    );
  });
});
