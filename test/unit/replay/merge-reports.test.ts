import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { createServingFeatures } from '../../../examples/card-fraud/serving.ts';
import { trainingFeatures } from '../../../examples/card-fraud/training.ts';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { type ReplayOptions, replayContract } from '../../../src/replay/replay.ts';
import type { ReplayReport } from '../../../src/replay/replay-report.ts';
import {
  GROWTH,
  histogramOf,
  histogramTally,
  mergeHistogram,
  newHistogram,
  quantile,
  recordLatency,
} from '../../../src/replay/tally/latency-histogram.ts';
import { mergeReplayReports } from '../../../src/replay/tally/merge-reports.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;

function replay(extra: Partial<ReplayOptions> = {}): Promise<ReplayReport> {
  return replayContract({
    contract: cardFraud,
    sides: {
      training: entitySide(cardFraud, trainingFeatures),
      serving: recordSide(cardFraud, createServingFeatures()),
    },
    sources: [fileLineSource(LOG)],
    spill: () => createFsSpillStore(),
    exampleLimit: 4,
    ...extra,
  });
}

/** A report as `lockstep merge` reads it back: through the JSON file. */
const viaJson = (r: ReplayReport): ReplayReport => parseLosslessJson(stringifyLosslessJson(r)) as ReplayReport;

/** What must be identical between merged shards and one run: everything but timings and float sums. */
function exact(r: ReplayReport) {
  return {
    counts: r.counts,
    status: r.status,
    classes: r.classes.map((c) => ({ ...c, examples: c.examples.map((e) => [e.line, e.recordId, e.feature]) })),
    features: r.features.map(({ smape: _, ...f }) => f),
    invalid: r.invalid,
    sides: r.sides.map((s) => [s.side, s.records, s.errors]),
    sourceLineOffsets: r.sourceLineOffsets,
  };
}

describe('mergeReplayReports', () => {
  it('merges 3 shard reports into exactly the one run: counts, classes, examples, features', async () => {
    const whole = await replay();
    const shards = await Promise.all([0, 1, 2].map((index) => replay({ shard: { index, count: 3 } })));
    const merged = mergeReplayReports(shards.map(viaJson));
    expect(exact(merged)).toEqual(exact(whole));
    expect(merged.shard).toBeUndefined();
    merged.features.forEach((f, i) => {
      expect(f.smape ?? 0).toBeCloseTo(whole.features[i]?.smape ?? 0, 12);
    });
    // latency: the merged sketch holds every record's timing
    for (const side of ['training', 'serving'] as const) {
      expect(merged.mergeable?.latency[side].total).toBe(5000);
    }
  });

  it('merges samples of shards into the sample of the whole run, with the lines left out counted', async () => {
    const sampled = await replay({ sample: 0.4 });
    const shards = await Promise.all([0, 1].map((index) => replay({ sample: 0.4, shard: { index, count: 2 } })));
    const merged = mergeReplayReports(shards.map(viaJson));
    expect(exact(merged)).toEqual(exact(sampled));
    expect(merged.sample).toBe(0.4);
    expect(merged.counts.sampledOut).toBe(sampled.counts.sampledOut);
  });

  it('says the shards went column by column only when every shard that could did; else why the first did not', async () => {
    const shards = await Promise.all([0, 1, 2].map((index) => replay({ shard: { index, count: 3 } })));
    // JSON-line logs through in-process sides: the question does not arise, and the merge does not raise it.
    expect(mergeReplayReports(shards).columnar).toBeUndefined();
    const told = (columnar: NonNullable<ReplayReport['columnar']>) => (r: ReplayReport) => ({ ...r, columnar });
    const [a, b, c] = shards as [ReplayReport, ReplayReport, ReplayReport];
    const used = told({ used: true });
    expect(mergeReplayReports([used(a), used(b), used(c)]).columnar).toEqual({ used: true });
    const capped = told({ used: false, because: 'the logs hold 9 rows, more than the 8 …' });
    expect(mergeReplayReports([used(a), capped(b), told({ used: false, because: 'other' })(c)]).columnar).toEqual({
      used: false,
      because: 'the logs hold 9 rows, more than the 8 …',
    });
  });

  it('carries each class’s minimal input and hints from the shard that holds its first record', async () => {
    const shards = (await Promise.all([0, 1].map((index) => replay({ shard: { index, count: 2 } })))).map(viaJson);
    const explained = shards.map((r, i) => ({
      ...r,
      classes: r.classes.map((c) => ({ ...c, hints: [`from shard ${i + 1}`] })),
    }));
    const merged = mergeReplayReports(explained);
    for (const c of merged.classes) {
      const owner = explained.findIndex((r) =>
        r.classes.some(
          (o) => o.feature === c.feature && o.cause === c.cause && o.examples[0]?.line === c.examples[0]?.line,
        ),
      );
      expect(owner).toBeGreaterThanOrEqual(0);
      expect(c.hints).toEqual([`from shard ${owner + 1}`]);
    }
  });

  it('gives latency percentiles within the histogram’s bucket error of the exact ones over all shards', () => {
    // Arrange: three shards' timings, spread over four orders of magnitude
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const shards = [0, 1, 2].map((s) => Array.from({ length: 2000 + s * 500 }, () => 0.01 * 10 ** (4 * next())));
    // Act
    const merged = newHistogram();
    for (const timings of shards) {
      const h = newHistogram();
      for (const ms of timings) recordLatency(h, ms);
      mergeHistogram(merged, histogramOf(viaJsonTally(histogramTally(h))));
    }
    // Assert
    const all = shards.flat().sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const exactValue = all[Math.ceil(q * all.length) - 1] as number;
      const estimate = quantile(merged, q);
      expect(estimate).toBeGreaterThanOrEqual(exactValue);
      expect(estimate).toBeLessThanOrEqual(exactValue * GROWTH);
    }
  });
});

const viaJsonTally = <T>(t: T): T => JSON.parse(JSON.stringify(t)) as T;
