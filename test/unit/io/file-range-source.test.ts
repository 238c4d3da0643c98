import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileLineSource, fileRangeSource } from '../../../src/io/line-source.ts';
import { splitLines } from '../../../src/replay/decode/split-lines.ts';
import type { LineSource } from '../../../src/replay/ports.ts';

const dir = mkdtempSync(join(tmpdir(), 'lockstep-ranges-'));

async function linesOf(source: LineSource): Promise<{ text: string; byteOffset: number }[]> {
  const out: { text: string; byteOffset: number }[] = [];
  for await (const { buf, starts, ends, byteOffsets } of splitLines(source.open(), source.byteBase)) {
    starts.forEach((start, i) => {
      out.push({ text: buf.toString('utf8', start, ends[i]), byteOffset: byteOffsets[i] as number });
    });
  }
  return out;
}

describe('fileRangeSource', () => {
  it('ranges that meet hold every line of the file exactly once, at its byte offset in the file', async () => {
    const line = fc.oneof(
      fc.constantFrom('', '{"a":1}', '\r', '\ufeff{}', 'é'.repeat(3)),
      fc.string({ maxLength: 12 }),
    );
    const file = fc.record({
      bom: fc.boolean(),
      lines: fc.array(
        line.map((l) => l.replaceAll('\n', ' ')),
        { maxLength: 15 },
      ),
      lastNewline: fc.boolean(),
    });
    let run = 0;
    await fc.assert(
      fc.asyncProperty(file, fc.array(fc.nat(), { maxLength: 5 }), async ({ bom, lines, lastNewline }, cuts) => {
        const text = lines.join('\n') + (lastNewline && lines.length > 0 ? '\n' : '');
        const bytes = Buffer.concat([Buffer.from(bom ? [0xef, 0xbb, 0xbf] : []), Buffer.from(text)]);
        const path = join(dir, `log-${run++}.jsonl`);
        writeFileSync(path, bytes);
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...points.filter((p) => p > 0), bytes.length];
        const fromRanges = [];
        for (let i = 0; i + 1 < bounds.length; i++) {
          fromRanges.push(...(await linesOf(fileRangeSource(path, bounds[i] as number, bounds[i + 1] as number))));
        }
        expect(fromRanges).toEqual(await linesOf(fileLineSource(path)));
      }),
      { numRuns: 300 },
    );
  });
});
