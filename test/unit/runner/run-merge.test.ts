import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cardFraud } from '../../../contracts/card-fraud.ts';
import { createServingFeatures } from '../../../examples/card-fraud/serving.ts';
import { trainingFeatures } from '../../../examples/card-fraud/training.ts';
import { stringifyLosslessJson } from '../../../src/codec/lossless-stringify.ts';
import { isSkewError } from '../../../src/errors.ts';
import { replayVerdict } from '../../../src/gate/replay-verdict.ts';
import { entitySide, recordSide } from '../../../src/implementations/in-process.ts';
import { createFsSpillStore } from '../../../src/io/fs-spill-store.ts';
import { fileLineSource } from '../../../src/io/line-source.ts';
import { replayContract } from '../../../src/replay/replay.ts';
import type { ReplayReport } from '../../../src/replay/replay-report.ts';
import { jsonReportDocument } from '../../../src/report/json-reporter.ts';
import type { RunInfo } from '../../../src/report/run-info.ts';
import { runMerge } from '../../../src/runner/run-merge.ts';

const LOG = new URL('../../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-merge-'));
const RUN: RunInfo = {
  command: 'replay',
  lockstepVersion: '0.1.0',
  commandLine: [],
  cwd: dir,
  config: 'lockstep.config.ts',
  contracts: [],
  startedAt: '2026-12-01T00:00:00.000Z',
  endedAt: '2026-12-01T00:00:01.000Z',
};

/** Writes a JSON report file as `--reporter json` would, changed by `edit`; returns its name. */
function write(name: string, report: ReplayReport, edit: (doc: Record<string, unknown>) => unknown = (d) => d): string {
  const summary = { reports: [report], verdict: replayVerdict([report]), durationMs: 1, run: RUN };
  const doc = jsonReportDocument({ ...summary, run: report.shard ? { ...RUN, shard: report.shard } : RUN });
  writeFileSync(join(dir, name), stringifyLosslessJson(edit({ ...doc }), 2));
  return name;
}

const shards: ReplayReport[] = [];
beforeAll(async () => {
  for (const index of [0, 1, 2]) {
    shards.push(
      await replayContract({
        contract: cardFraud,
        sides: {
          training: entitySide(cardFraud, trainingFeatures),
          serving: recordSide(cardFraud, createServingFeatures()),
        },
        sources: [fileLineSource(LOG)],
        spill: () => createFsSpillStore(),
        sample: 0.1,
        shard: { index, count: 3 },
      }),
    );
  }
}, 120_000);

async function mergeError(files: string[]): Promise<{ code: string; message: string }> {
  try {
    await runMerge({ files, cwd: dir, reporters: [] });
  } catch (error) {
    if (isSkewError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('runMerge passed');
}

describe('runMerge checks its inputs are every shard of one run (exit 2 otherwise)', () => {
  it('merges shards 1/3 … 3/3 given in any order, and decides the run', async () => {
    const files = [write('s3.json', shards[2] as ReplayReport), write('s1.json', shards[0] as ReplayReport)];
    files.push(write('s2.json', shards[1] as ReplayReport));
    const summary = await runMerge({ files, cwd: dir, reporters: [] });
    const [merged] = summary.reports;
    expect(merged?.counts.read).toBe(shards.reduce((n, s) => n + s.counts.read, 0));
    expect(summary.verdict.status).toBe('fail');
    expect(summary.run.shard).toBeUndefined();
  });

  it('names a missing shard', async () => {
    const files = [write('a1.json', shards[0] as ReplayReport), write('a3.json', shards[2] as ReplayReport)];
    expect(await mergeError(files)).toEqual({
      code: 'SKEW_USAGE',
      message:
        "runMerge: shard 2/3 missing: the merge would not cover the whole run (given: 1/3, 3/3); pass every shard's lockstep-report.json",
    });
  });

  it('names a shard given twice', async () => {
    const files = [write('b1.json', shards[0] as ReplayReport), write('b1-again.json', shards[0] as ReplayReport)];
    expect((await mergeError(files)).message).toBe('runMerge: b1.json and b1-again.json are both shard 1/3');
  });

  it('refuses mixed report versions, and a version it does not read, naming the file', async () => {
    const v2 = write('v2.json', shards[1] as ReplayReport, (d) => ({ ...d, reportVersion: 2 }));
    expect(await mergeError([write('v1.json', shards[0] as ReplayReport), v2])).toEqual({
      code: 'SKEW_USAGE',
      message:
        'runMerge: v2.json has reportVersion 2, which this Lockstep does not read (it reads 1); merge with the Lockstep version that wrote it',
    });
  });

  it('refuses a file that is not a Lockstep replay report, naming it', async () => {
    writeFileSync(join(dir, 'junit.xml'), '<testsuites/>');
    writeFileSync(join(dir, 'other.json'), '{"hello": 1}');
    const fuzz = write('fuzz.json', shards[0] as ReplayReport, (d) => ({ ...d, run: { ...RUN, command: 'fuzz' } }));
    const old = write('old.json', shards[0] as ReplayReport, ({ reportVersion: _, ...d }) => d);
    const messages = await Promise.all(
      [['junit.xml'], ['other.json'], [fuzz], [old], ['missing.json']].map(async (f) => (await mergeError(f)).message),
    );
    expect(messages[0]).toMatch(/^runMerge: junit\.xml is not JSON \(.*\); expected a lockstep-report\.json/);
    expect(messages[1]).toBe(
      'runMerge: other.json is not a Lockstep JSON report (no reportVersion); pass the lockstep-report.json files of the shards',
    );
    expect(messages[2]).toBe('runMerge: fuzz.json is the report of a fuzz run; only replay reports merge');
    expect(messages[3]).toBe(
      'runMerge: old.json was written by a Lockstep without merge support (schemaVersion 1, no reportVersion); run that shard again with this version',
    );
    expect(messages[4]).toMatch(
      /^runMerge: cannot read missing\.json \(.*\); pass each shard's lockstep-report\.json$/,
    );
  });

  it('refuses shards of different samples, A/A calibration, contract versions or splits', async () => {
    const base = write('c1.json', shards[0] as ReplayReport);
    const otherSample = write('c2.json', { ...(shards[1] as ReplayReport), sample: 0.2 });
    expect((await mergeError([base, otherSample])).message).toBe(
      "runMerge: c2.json and c1.json differ in card_fraud's sample rate (0.2 vs 0.1); merge the shards of one run",
    );
    const calibrated = write('c5.json', { ...(shards[1] as ReplayReport), aa: { compared: 10, features: [] } });
    expect((await mergeError([base, calibrated])).message).toBe(
      "runMerge: c5.json and c1.json differ in card_fraud's A/A calibration (--aa) (on vs off); merge the shards of one run",
    );
    const bumped = write('c3.json', {
      ...(shards[1] as ReplayReport),
      contract: { name: 'card_fraud', version: '2.0.0' },
    });
    expect((await mergeError([base, bumped])).message).toBe(
      "runMerge: c3.json and c1.json differ in card_fraud's contract version (2.0.0 vs 1.0.0); merge the shards of one run",
    );
    const ofFour = write('c4.json', { ...(shards[1] as ReplayReport), shard: { index: 2, count: 4 } });
    expect((await mergeError([base, ofFour])).message).toBe(
      'runMerge: c4.json is shard 2/4 but c1.json is shard 1/3; merge shards of one split (the same n)',
    );
  });
});
