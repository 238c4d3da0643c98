import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineContract } from '../../../src/contract/define-contract.ts';
import { isSkewError } from '../../../src/errors.ts';
import { entitySide, loggedSide, recordSide } from '../../../src/implementations/in-process.ts';
import type { Side, SidePair, SideRecord } from '../../../src/implementations/side.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { hashKeyBytes } from '../../../src/replay/decode/entity-key.ts';
import type { LogFormat } from '../../../src/replay/log-format.ts';
import { type ReplayOptions, replayContract } from '../../../src/replay/replay.ts';
import type { DivergenceExample } from '../../../src/replay/replay-report.ts';

/** A record-wise contract: the features of one request, no entity. */
const clicks = defineContract({
  name: 'clicks',
  version: '1',
  input: z.object({ request_id: z.string(), x: z.number() }),
  features: { doubled: { type: 'float' }, big: { type: 'bool' } },
});

const RECORDS = 300;
const PLANTED = 57;

/** A log of requests (a top-level `user` too, which the contract does not name); serving is wrong at one of them. */
function writeLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-record-wise-'));
  const lines = Array.from({ length: RECORDS }, (_, i) => {
    const served = { doubled: i === PLANTED ? i * 2 + 1 : i * 2, big: i > 100 };
    const input = { request_id: `r${i}`, x: i };
    return JSON.stringify({ timestamp: 1_700_000_000_000 + i, user: `u${i % 7}`, input, served });
  });
  const file = join(dir, 'requests.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const LOG = writeLog();

/** A side that remembers every record it was handed. */
function watching(side: Side, seen: SideRecord[]): Side {
  const compute = (batch: readonly SideRecord[]) => {
    seen.push(...batch);
    return side.compute(batch);
  };
  return { ...side, compute };
}

const training = () => recordSide(clicks, (input) => ({ doubled: input.x * 2, big: input.x > 100 }));
const sides = (): SidePair => ({ training: training(), serving: loggedSide() });

async function replay(extra: Partial<ReplayOptions> = {}, format: Partial<LogFormat> = { idField: 'request_id' }) {
  const found: DivergenceExample[] = [];
  const report = await replayContract({
    contract: clicks,
    sides: sides(),
    sources: [fileLineSource(LOG)],
    spill: () => createFsSpillStore(),
    format,
    onDivergence: (d) => found.push(d),
    ...extra,
  });
  return { report, ids: found.map((d) => d.recordId ?? `line ${d.line}`).sort() };
}

/** The shard of a record routed by its record id. */
const shardOfId = (id: string, count: number) => hashKeyBytes(Buffer.from(`\u0000id:${id}`)) % count;

describe('replaying a contract without an entity', () => {
  it('compares every record on its own and finds the planted divergence; no record or example has an entity', async () => {
    const seen: SideRecord[] = [];
    const report = await replayContract({
      contract: clicks,
      sides: { training: watching(training(), seen), serving: loggedSide() },
      sources: [fileLineSource(LOG)],
      spill: () => createFsSpillStore(),
      format: { idField: 'request_id' },
    });
    expect(report.counts).toMatchObject({ read: RECORDS, compared: RECORDS, invalid: 0 });
    expect(report.classes.map((c) => [c.feature, c.kind, c.count])).toEqual([['doubled', 'value', 1]]);
    const example = report.classes[0]?.examples[0];
    expect(example).toMatchObject({ recordId: `r${PLANTED}`, line: PLANTED + 1, training: 114, serving: 115 });
    expect(Object.hasOwn(example ?? {}, 'entity')).toBe(false);
    expect(seen).toHaveLength(RECORDS);
    expect(seen.some((r) => Object.hasOwn(r, 'entity'))).toBe(false);
  });

  it('shards by record id: the shards add up to the whole run, each record in its id hash shard', async () => {
    const whole = await replay();
    const shards = await Promise.all([0, 1].map((index) => replay({ shard: { index, count: 2 } })));
    expect(shards.map((s) => s.report.counts.read).reduce((a, b) => a + b)).toBe(RECORDS);
    expect(shards.flatMap((s) => s.ids).sort()).toEqual(whole.ids);
    expect(whole.ids).toEqual([`r${PLANTED}`]);
    const holder = shards.findIndex((s) => s.ids.length === 1);
    expect(holder).toBe(shardOfId(`r${PLANTED}`, 2));
    const expected = Array.from({ length: RECORDS }, (_, i) => shardOfId(`r${i}`, 2)).filter((s) => s === 0).length;
    expect(shards[0]?.report.counts.read).toBe(expected);
  });

  it('without a record id, shards by line: deterministic, and the shards still add up to the whole run', async () => {
    const noId = {};
    const whole = await replay({}, noId);
    const shards = await Promise.all([0, 1].map((index) => replay({ shard: { index, count: 2 } }, noId)));
    const again = await replay({ shard: { index: 0, count: 2 } }, noId);
    expect(shards.map((s) => s.report.counts.read).reduce((a, b) => a + b)).toBe(RECORDS);
    expect(shards.every((s) => s.report.counts.read > 0)).toBe(true);
    expect(shards.flatMap((s) => s.ids).sort()).toEqual(whole.ids);
    expect(again.report.counts).toEqual(shards[0]?.report.counts);
  });

  it('samples by record id: the same records on every run, and the shards of a sample add up to it', async () => {
    const sampled = await replay({ sample: 0.5 });
    const again = await replay({ sample: 0.5 });
    const shards = await Promise.all([0, 1].map((index) => replay({ sample: 0.5, shard: { index, count: 2 } })));
    expect(sampled.report.counts.read + (sampled.report.counts.sampledOut ?? 0)).toBe(RECORDS);
    expect(sampled.report.counts.read).toBeGreaterThan(100);
    expect(sampled.report.counts.read).toBeLessThan(200);
    expect(again.report.counts).toEqual(sampled.report.counts);
    expect(shards.map((s) => s.report.counts.read).reduce((a, b) => a + b)).toBe(sampled.report.counts.read);
  });

  it('refuses an entity-wise side, naming the contract and what to write', async () => {
    const history = entitySide(clicks, (events) => events.map((e) => ({ doubled: e.input.x * 2, big: false })));
    const refused = await replayContract({
      contract: clicks,
      sides: { training: history, serving: loggedSide() },
      sources: [fileLineSource(LOG)],
      spill: () => createFsSpillStore(),
    }).catch((e: unknown) => e);
    expect(isSkewError(refused) && refused.code).toBe('SKEW_CONTRACT_INVALID');
    expect((refused as Error).message).toMatch(
      /^replayContract: contract "clicks" has no entity, but the training side is entity-wise .*add entity: '<field>' to the contract/,
    );
  });

  it('lets an entity-wise side through when the log names the entity (format.entityField)', async () => {
    const seen: SideRecord[] = [];
    const history = entitySide(clicks, (events) =>
      events.map((e) => ({ doubled: e.input.x * 2, big: e.input.x > 100 })),
    );
    const report = await replayContract({
      contract: clicks,
      sides: { training: watching(history, seen), serving: loggedSide() },
      sources: [fileLineSource(LOG)],
      spill: () => createFsSpillStore(),
      format: { entityField: 'user', idField: 'request_id' },
    });
    expect(report.counts.compared).toBe(RECORDS);
    expect(report.classes[0]?.examples[0]).toMatchObject({ recordId: `r${PLANTED}`, entity: `u${PLANTED % 7}` });
    expect(new Set(seen.map((r) => r.entity))).toEqual(new Set(Array.from({ length: 7 }, (_, i) => `u${i}`)));
  });
});
