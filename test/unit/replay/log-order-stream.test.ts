import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { createServingFeatures } from '../../../examples/card-fraud/serving.ts';
import { recordSide } from '../../../src/implementations/in-process.ts';
import type { Side, SideRecord } from '../../../src/implementations/side.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { replayContract } from '../../../src/replay/replay.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;

/** The serving path as a record-wise side that also notes the order of the lines it is given. */
function watched(): { side: Side; seen: number[]; sizes: number[] } {
  const compute = createServingFeatures();
  const seen: number[] = [];
  const sizes: number[] = [];
  const inner = recordSide(cardFraud, compute);
  const side: Side = {
    ...inner,
    compute: async (batch: readonly SideRecord[]) => {
      seen.push(...batch.map((r) => r.line));
      sizes.push(batch.length);
      return inner.compute(batch);
    },
  };
  return { side, seen, sizes };
}

const noSpill = () => Promise.reject(new Error('a record-wise replay never spills to disk'));

describe('a replay with no entity-wise side', () => {
  it('streams the log in order: each side sees every line once, in log order, and nothing goes to disk', async () => {
    // Arrange
    const training = watched();
    const serving = watched();
    // Act
    const report = await replayContract({
      contract: cardFraud,
      sides: { training: training.side, serving: serving.side },
      sources: [fileLineSource(LOG)],
      spill: noSpill,
      batchSize: 97,
    });
    // Assert
    expect(report.counts).toMatchObject({ read: 5000, compared: 5000, diverged: 0 });
    const inOrder = Array.from({ length: 5000 }, (_, i) => i + 1);
    expect(training.seen).toEqual(inOrder);
    expect(serving.seen).toEqual(inOrder);
    // A batch goes when full, not at the end of the chunk read (a 1 MiB chunk holds about 1,900 of these lines)
    const full = Array.from({ length: Math.floor(5000 / 97) }, () => 97);
    expect(training.sizes).toEqual([...full, 5000 % 97]);
  });

  it('accounts for shards, bad and blank lines, and a log cut short as the partitioned path does', async () => {
    // Arrange: two logs, the second a gzip cut short
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-stream-'));
    const lines = readFileSync(LOG, 'utf8').trim().split('\n');
    const a = join(dir, 'a.jsonl');
    writeFileSync(a, [...lines.slice(0, 1000), 'not json', '', ...lines.slice(1000, 2000)].join('\n'));
    const whole = gzipSync(`${lines.slice(2000, 4000).join('\n')}\n`);
    const b = join(dir, 'b.jsonl.gz');
    writeFileSync(b, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const run = (shard?: { index: number; count: number }) =>
      replayContract({
        contract: cardFraud,
        sides: { training: watched().side, serving: watched().side },
        sources: [fileLineSource(a), fileLineSource(b)],
        spill: noSpill,
        ...(shard === undefined ? {} : { shard }),
      });
    // Act
    const all = await run();
    const shards = await Promise.all([0, 1, 2].map((index) => run({ index, count: 3 })));
    // Assert
    expect(all.counts).toMatchObject({ blank: 1, invalid: 1, invalidByReason: { json: 1, record: 0, schema: 0 } });
    expect(all.counts.compared + all.counts.invalid + all.counts.errored).toBe(all.counts.read);
    expect(all.sourceErrors).toEqual([{ source: b, afterLine: expect.any(Number), message: 'unexpected end of file' }]);
    expect(all.sourceLineOffsets).toEqual([0, 2002]);
    expect(shards.reduce((sum, s) => sum + s.counts.read, 0)).toBe(all.counts.read);
    expect(shards.reduce((sum, s) => sum + s.counts.compared, 0)).toBe(all.counts.compared);
  });
});

describe('explaining classes while a log-order replay reads on', () => {
  /** A serving side that is off for amounts above 190, and counts the records it has computed. */
  function counting() {
    const compute = createServingFeatures();
    let served = 0;
    const side = recordSide(cardFraud, (input) => {
      served++;
      const features = compute(input);
      return input.amount > 190 ? { ...features, amount_rounded: Number(features.amount_rounded) + 1 } : features;
    });
    return { side, served: () => served };
  }

  it.each([
    [true, 'starts as soon as a class appears, before the replay has read the log'],
    [false, 'waits for the end of the replay without explainEarly'],
  ])('explainEarly %s: %s', async (early) => {
    // Arrange
    const serving = counting();
    const calledAt: number[] = [];
    // Act
    const report = await replayContract({
      contract: cardFraud,
      sides: { training: recordSide(cardFraud, createServingFeatures()), serving: serving.side },
      sources: [fileLineSource(LOG)],
      spill: noSpill,
      batchSize: 50,
      explainEarly: early,
      explain: async () => {
        calledAt.push(serving.served());
        return { hints: ['explained'] };
      },
    });
    // Assert
    const cls = report.classes.find((c) => c.feature === 'amount_rounded');
    expect(cls?.hints).toEqual(['explained']);
    expect(calledAt.length).toBeGreaterThan(0);
    if (early) expect(calledAt[0]).toBeLessThan(5000);
    else expect(calledAt.every((n) => n === 5000)).toBe(true);
  });
});
