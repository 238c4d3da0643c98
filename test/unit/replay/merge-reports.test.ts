import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { createServingFeatures } from '../../../examples/card-fraud/serving.ts';
import { trainingFeatures } from '../../../examples/card-fraud/training.ts';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';
import type { SkewError } from '../../../src/errors.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { type ReplayOptions, replayContract } from '../../../src/replay/replay.ts';
import type { FeatureReport, ReplayReport } from '../../../src/replay/replay-report.ts';
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

/** What must be identical between merged shards and one run: everything but timings. */
function exact(r: ReplayReport) {
  return {
    counts: r.counts,
    status: r.status,
    classes: r.classes.map((c) => ({ ...c, examples: c.examples.map((e) => [e.line, e.recordId, e.feature]) })),
    features: r.features,
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
    // sMAPE sums too, to the last digit, whatever order the shards come in
    expect(merged.features.some((f) => (f.smape ?? 0) > 0)).toBe(true);
    for (const order of [
      [2, 1, 0],
      [1, 2, 0],
    ]) {
      const again = mergeReplayReports(order.map((i) => viaJson(shards[i] as ReplayReport)));
      expect(again.features).toEqual(whole.features);
      expect(again.mergeable?.features).toEqual(merged.mergeable?.features);
    }
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

  it('refuses a report whose counts do not add up (SKEW_USAGE: the report, the field, both numbers), and merges those that do', async () => {
    // Arrange: two shards, and copies of the second with one count off (a report edited or cut short)
    const [a, b] = (await Promise.all([0, 1].map((index) => replay({ shard: { index, count: 2 } })))).map(viaJson) as [
      ReplayReport,
      ReplayReport,
    ];
    const { read, compared, diverged } = b.counts;
    const comparedOff = { ...b, counts: { ...b.counts, compared: compared + 5 } };
    const divergedOff = { ...b, counts: { ...b.counts, compared: 0, invalid: 0, errored: read, diverged } };
    const kindOff = {
      ...b,
      features: b.features.map((f, i) =>
        i === 1 ? { ...f, byKind: { ...f.byKind, type: (f.byKind.type ?? 0) + 2 } } : f,
      ),
    };
    const refusal = (reports: readonly ReplayReport[]) => {
      try {
        mergeReplayReports(reports);
      } catch (error) {
        return { code: (error as SkewError).code, message: (error as Error).message };
      }
      return undefined;
    };
    const refused = (field: string) => ({
      code: 'SKEW_USAGE',
      message: `mergeReplayReports: report 2 (card_fraud) has counts that do not add up: ${field}; merged, they would not either: run that shard again`,
    });
    const f1 = b.features[1] as FeatureReport;

    // Act / Assert
    expect(refusal([a, comparedOff])).toEqual(
      refused(`counts.read must be compared + invalid + errored (${read + 5}), got ${read}`),
    );
    expect(diverged).toBeGreaterThan(0);
    expect(refusal([a, divergedOff])).toEqual(refused(`counts.diverged must be at most compared (0), got ${diverged}`));
    expect(refusal([a, kindOff])).toEqual(
      refused(
        `features[1].byKind must be counts by kind that add up to diverged (${f1.diverged}; these add up to ${f1.diverged + 2})`,
      ),
    );
    expect(mergeReplayReports([a, b]).counts.read).toBe(a.counts.read + read);
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

  it('records a latency shared by many records at once as it records each of them', () => {
    const one = newHistogram();
    const many = newHistogram();
    for (const [ms, times] of [
      [0.5, 3],
      [0.5, 2],
      [7, 1],
      [0.00001, 4],
      [0.5, 1],
    ] as const) {
      for (let k = 0; k < times; k++) recordLatency(one, ms);
      recordLatency(many, ms, times);
    }
    expect(histogramTally(many)).toEqual(histogramTally(one));
    expect(many.total).toBe(11);
  });
});

const viaJsonTally = <T>(t: T): T => JSON.parse(JSON.stringify(t)) as T;
