import pc from 'picocolors';
import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { createServingFeatures } from '../../../examples/card-fraud/serving.ts';
import { trainingFeatures } from '../../../examples/card-fraud/training.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';
import { replayVerdict } from '../../../src/gate/replay-verdict.ts';
import { entitySide, loggedSide, recordSide } from '../../../src/implementations/in-process.ts';
import type { Side } from '../../../src/implementations/side.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { type ReplayOptions, replayContract } from '../../../src/replay/replay.ts';
import type { DivergenceExample } from '../../../src/replay/replay-report.ts';
import { formatTerminalReport } from '../../../src/report/format-terminal.ts';
import { DIVERGING_FEATURES, divergenceKey, PLANTED } from '../../fixtures/card-fraud-planted.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;

async function replay(serving: Side, extra: Partial<ReplayOptions> = {}) {
  const found: DivergenceExample[] = [];
  const report = await replayContract({
    contract: cardFraud,
    sides: { training: entitySide(cardFraud, trainingFeatures), serving },
    sources: [fileLineSource(LOG)],
    spill: () => createFsSpillStore(),
    onDivergence: (d) => found.push(d),
    ...extra,
  });
  return { report, found: found.map(divergenceKey).sort() };
}

describe('replayContract on the card-fraud example', () => {
  it('finds every planted divergence and nothing else', async () => {
    const { report, found } = await replay(recordSide(cardFraud, createServingFeatures()));
    expect(found).toEqual([...PLANTED]);
    expect(report.counts).toMatchObject({ read: 5000, compared: 5000, invalid: 0, errored: 0 });
    expect(new Set(report.classes.map((c) => c.feature))).toEqual(new Set(DIVERGING_FEATURES));
  });

  it('finds the same divergences against the features production logged', async () => {
    const { found } = await replay(loggedSide());
    expect(found).toEqual([...PLANTED]);
  });

  it('gives the same report when partitions spill to disk', async () => {
    const inMemory = await replay(recordSide(cardFraud, createServingFeatures()));
    const spilled = await replay(recordSide(cardFraud, createServingFeatures()), {
      memoryBudgetBytes: 64 * 1024,
      partitionBytes: 40 * 1024,
    });
    expect(spilled.found).toEqual(inMemory.found);
    expect(spilled.report.classes).toEqual(inMemory.report.classes);
    expect(spilled.report.counts).toEqual(inMemory.report.counts);
  });

  it('splits the run into shards whose union is the whole run', async () => {
    const whole = await replay(recordSide(cardFraud, createServingFeatures()));
    const shards = await Promise.all(
      [0, 1, 2].map((index) => replay(recordSide(cardFraud, createServingFeatures()), { shard: { index, count: 3 } })),
    );
    expect(shards.reduce((sum, s) => sum + s.report.counts.read, 0)).toBe(5000);
    expect(shards.flatMap((s) => s.found).sort()).toEqual(whole.found);
  });

  it('keeps a huge feature value cut in the report, with its full length, while comparing it whole', async () => {
    // Arrange: serving answers a 5 MB category (outside the vocabulary, so the type is widened) for one card
    const serving = createServingFeatures();
    const huge = recordSide(cardFraud, ((input: Parameters<typeof serving>[0]) => {
      const features = serving(input);
      return input.card_id === 'card_00065' ? { ...features, merchant_category: 'x'.repeat(5_000_000) } : features;
    }) as typeof serving);
    // Act
    const { report } = await replay(huge as Side);
    // Assert
    const cls = report.classes.find((c) => c.feature === 'merchant_category');
    expect(String(cls?.examples[0]?.serving)).toMatch(/…\[cut: 5,000,000 chars in all\]$/);
    expect(stringifyLosslessJson(report).length).toBeLessThan(2_000_000);
  });

  it('reports a side that throws as errored records with the message, and the run goes on', async () => {
    const flaky = recordSide(cardFraud, (input) => {
      if (input.amount > 190) throw new RangeError(`amount ${input.amount} out of model range`);
      return createServingFeatures()(input);
    });
    const { report } = await replay(flaky);
    const { counts } = report;
    expect(counts.errored).toBeGreaterThan(0);
    expect(counts.compared + counts.invalid + counts.errored).toBe(counts.read);
    const errorClass = report.classes.find((c) => c.kind === 'error');
    expect(errorClass?.cause).toBe('serving: RangeError: amount # out of model range');
    const first = errorClass?.examples[0];
    expect(first?.serving).toEqual({
      error: expect.stringMatching(/^RangeError: amount \d+(\.\d+)? out of model range$/),
    });
    expect(first?.training).toHaveProperty('log_amount'); // what the other side answered
    const text = formatTerminalReport(report, replayVerdict([report]), pc.createColors(false));
    expect(text).toMatch(
      /serving failed: RangeError: amount [\d.]+ out of model range\n +training answered \{"log_amount"/,
    );
    expect(report.sides[1]?.errors).toBe(counts.errored);
  });
});
