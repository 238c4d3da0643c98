import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { createServingFeatures } from '../../../examples/card-fraud/serving.ts';
import { trainingFeatures } from '../../../examples/card-fraud/training.ts';
import { isSkewError } from '../../../src/errors.ts';
import { entitySide, loggedSide, recordSide } from '../../../src/implementations/in-process.ts';
import type { SidePair } from '../../../src/implementations/side.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { hashKeyBytes, routingKey } from '../../../src/replay/decode/entity-key.ts';
import { type ReplayOptions, replayContract } from '../../../src/replay/replay.ts';
import type { DivergenceExample } from '../../../src/replay/replay-report.ts';
import { checkSampleRate, inSample, murmur3, sampleHash, selectLine } from '../../../src/replay/sample.ts';
import { divergenceKey } from '../../fixtures/card-fraud-planted.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;
const keys = Array.from({ length: 20_000 }, (_, i) => Buffer.from(`card_${i}`));

describe('the sample hash', () => {
  it('is MurmurHash3 x86-32 (the reference vectors), so every machine samples the same entities', () => {
    expect(murmur3(Buffer.from(''), 0)).toBe(0);
    expect(murmur3(Buffer.from(''), 1)).toBe(0x514e28b7);
    expect(murmur3(Buffer.from('hello'), 0)).toBe(0x248bfa47);
    expect(murmur3(Buffer.from('The quick brown fox jumps over the lazy dog'), 0)).toBe(0x2e4ff723);
    expect(sampleHash(Buffer.from('card_00001'))).toBe(1145996488);
  });

  it('keeps about `rate` of the entities, and about `rate` of each shard: independent of the shard hash', () => {
    const kept = keys.filter((k) => inSample(k, 0.3)).length / keys.length;
    expect(kept).toBeGreaterThan(0.28);
    expect(kept).toBeLessThan(0.32);
    for (let shard = 0; shard < 4; shard++) {
      const mine = keys.filter((k) => hashKeyBytes(k) % 4 === shard);
      const share = mine.filter((k) => inSample(k, 0.3)).length / mine.length;
      expect(share).toBeGreaterThan(0.27);
      expect(share).toBeLessThan(0.33);
    }
  });

  it('commutes with sharding: kept by (shard, sample) exactly when kept by the shard and by the sample', () => {
    for (const key of keys.slice(0, 5000)) {
      const hash = hashKeyBytes(key);
      const both = selectLine(key, hash, { shard: { index: 1, count: 3 }, sample: 0.25 }) === 'keep';
      const shardOnly = selectLine(key, hash, { shard: { index: 1, count: 3 } }) === 'keep';
      const sampleOnly = selectLine(key, hash, { sample: 0.25 }) === 'keep';
      expect(both).toBe(shardOnly && sampleOnly);
    }
    expect(keys.every((k) => inSample(k, 1))).toBe(true);
  });

  it('refuses a rate outside (0, 1] with SKEW_USAGE and a message that says what to pass', () => {
    for (const bad of ['0', '1.5', '-0.1', 'abc', '']) {
      let caught: unknown;
      try {
        checkSampleRate(bad, '--sample');
      } catch (error) {
        caught = error;
      }
      expect(isSkewError(caught) && caught.code).toBe('SKEW_USAGE');
      expect((caught as Error).message).toBe(
        `--sample: the sample rate must be a number with 0 < rate <= 1 (e.g. 0.1 for 10% of entities); got ${JSON.stringify(bad)}`,
      );
    }
    expect(checkSampleRate('0.25', '--sample')).toBe(0.25);
  });
});

describe('routing a record with no entity', () => {
  it('routes by its record id (top level, else in the input), else by its byte offset', () => {
    const where = {
      key: 'user',
      needle: Buffer.from('"user"'),
      inputField: 'input',
      idField: 'id',
      recordInput: 'input',
    };
    const line = (text: string) => routingKey(Buffer.from(text), 0, text.length, where, 99, undefined).toString();
    expect(line('{"input":{"user":"u1"},"id":"r1"}')).toBe('u1');
    expect(line('{"input":{"user":null},"id":"r1"}')).toBe('\u0000id:r1');
    expect(line('{"input":{"id":17}}')).toBe('\u0000id:17');
    expect(line('{"input":{}}')).toBe('\u0000offset:99');
    expect(line('not json')).toBe('\u0000offset:99');
  });
});

async function replay(sides: () => SidePair, extra: Partial<ReplayOptions> = {}) {
  const found: DivergenceExample[] = [];
  const report = await replayContract({
    contract: cardFraud,
    sides: sides(),
    sources: [fileLineSource(LOG)],
    spill: () => createFsSpillStore(),
    onDivergence: (d) => found.push(d),
    ...extra,
  });
  return { report, found: found.map(divergenceKey).sort() };
}

const partitioned = (): SidePair => ({
  training: entitySide(cardFraud, trainingFeatures),
  serving: recordSide(cardFraud, createServingFeatures()),
});
// Both sides record-wise: the log-order path (no partitions).
const logOrder = (): SidePair => ({
  training: loggedSide(cardFraud),
  serving: recordSide(cardFraud, createServingFeatures()),
});

describe.each([
  ['partitioned', partitioned],
  ['log-order', logOrder],
])('replayContract with a sample (%s path)', (_, sides) => {
  it('shards of a sample add up to the sample of the whole run; rate 1 is no sample', async () => {
    const whole = await replay(sides);
    const sampled = await replay(sides, { sample: 0.3 });
    const shards = await Promise.all([0, 1].map((index) => replay(sides, { sample: 0.3, shard: { index, count: 2 } })));
    const all = await replay(sides, { sample: 1 });
    // the sample: about 30% of the lines, the rest counted apart, the rate in the report
    expect(sampled.report.sample).toBe(0.3);
    expect(sampled.report.counts.read + (sampled.report.counts.sampledOut ?? 0)).toBe(5000);
    expect(sampled.report.counts.read).toBeGreaterThan(1000);
    expect(sampled.report.counts.read).toBeLessThan(2000);
    // its shards add up to it
    expect(shards.reduce((n, s) => n + s.report.counts.read, 0)).toBe(sampled.report.counts.read);
    expect(shards.reduce((n, s) => n + (s.report.counts.sampledOut ?? 0), 0)).toBe(sampled.report.counts.sampledOut);
    expect(shards.flatMap((s) => s.found).sort()).toEqual(sampled.found);
    // a sample's divergences and classes are the whole run's
    expect(sampled.found.every((d) => whole.found.includes(d))).toBe(true);
    const classes = (r: typeof whole) => r.report.classes.map((c) => `${c.feature}|${c.kind}|${c.cause}`);
    expect(classes(sampled).every((c) => classes(whole).includes(c))).toBe(true);
    // rate 1 keeps everything and says no sample
    expect(all.found).toEqual(whole.found);
    expect(all.report.counts).toEqual(whole.report.counts);
    expect(all.report.sample).toBeUndefined();
  });
});

describe('replayContract with a sample: lines no entity owns', () => {
  it('samples blank and bad lines by their byte offset, and every line is accounted for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-sample-'));
    const log = join(dir, 'log.jsonl');
    const good = (i: number) =>
      JSON.stringify({
        timestamp: 1_700_000_000_000 + i,
        input: {
          txn_id: `t${i}`,
          card_id: `card_${i % 7}`,
          amount: 10,
          merchant_name: 'Shell',
          merchant_category: 'fuel',
          cardholder_tz: 'UTC',
          ts: new Date(1_700_000_000_000 + i).toISOString(),
        },
      });
    const lines = Array.from({ length: 60 }, (_, i) => (i % 10 === 3 ? '' : i % 10 === 5 ? '{bad' : good(i)));
    writeFileSync(log, `${lines.join('\n')}\n`);
    const run = (extra: Partial<ReplayOptions>) =>
      replayContract({
        contract: cardFraud,
        sides: partitioned(),
        sources: [fileLineSource(log)],
        spill: () => createFsSpillStore(),
        ...extra,
      });
    const sampled = await run({ sample: 0.5 });
    const shards = await Promise.all([0, 1, 2].map((index) => run({ sample: 0.5, shard: { index, count: 3 } })));
    const c = sampled.counts;
    expect(c.read + c.blank + (c.sampledOut ?? 0)).toBe(60);
    expect(c.blank).toBeGreaterThan(0);
    expect(c.invalid).toBeGreaterThan(0);
    expect(c.sampledOut).toBeGreaterThan(0);
    expect(shards.reduce((n, s) => n + s.counts.blank, 0)).toBe(c.blank);
    expect(shards.reduce((n, s) => n + s.counts.invalid, 0)).toBe(c.invalid);
    expect(shards.flatMap((s) => s.counts.blankLines).sort((a, b) => a - b)).toEqual(c.blankLines);
  });
});
