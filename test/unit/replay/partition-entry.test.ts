import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entrySize, forEachEntry, writeEntry } from '../../../src/replay/entity-wise/partition-entry.ts';

describe('partition entries', () => {
  it('read back exactly what was written, whatever bytes keys and lines hold', () => {
    const entry = fc.record({
      line: fc.integer({ min: 1, max: 2 ** 40 }),
      byteOffset: fc.integer({ min: 0, max: 2 ** 50 }),
      key: fc.uint8Array({ maxLength: 40 }),
      text: fc.uint8Array({ maxLength: 200 }),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), (entries) => {
        const block = Buffer.alloc(entries.reduce((n, e) => n + entrySize(e.key.length, e.text.length), 0));
        let at = 0;
        for (const e of entries) {
          const src = Buffer.concat([Buffer.from('xx'), e.text]);
          at = writeEntry(block, at, e.line, e.byteOffset, e.key, src, 2, src.length);
        }
        expect(at).toBe(block.length);
        const read: unknown[] = [];
        forEachEntry(block, (r) => {
          read.push({
            line: r.line,
            byteOffset: r.byteOffset,
            key: new Uint8Array(block.subarray(r.keyFrom, r.from)),
            text: new Uint8Array(block.subarray(r.from, r.to)),
          });
        });
        expect(read).toEqual(entries);
      }),
    );
  });
});
