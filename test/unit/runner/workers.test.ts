import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import type { DivergenceExample, ReplayReport } from '../../../src/replay/replay-report.ts';
import { runReplay } from '../../../src/runner/run-replay.ts';
import { divergenceKey, PLANTED } from '../../fixtures/card-fraud-planted.ts';

const EXAMPLE = new URL('../../../examples/card-fraud/', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'lockstep-workers-'));

type Split = { workers?: number; rangeBytes?: number; shard?: { index: number; count: number } };
let runs = 0;

async function replay(logs: string[], options: Split = {}) {
  const config = await loadConfig(`${EXAMPLE}lockstep.in-process.config.ts`, EXAMPLE);
  const divergences = join(dir, `divergences-${runs++}.jsonl`);
  const summary = await runReplay({
    config,
    cwd: EXAMPLE,
    reporters: [],
    logs,
    partitionBytes: 64 * 1024,
    memoryBudgetBytes: 128 * 1024,
    minimizeSteps: 0,
    divergencesFile: divergences,
    ...options,
  });
  const lines = readFileSync(divergences, 'utf8').trim().split('\n');
  const found = lines.map((line) => JSON.parse(line) as DivergenceExample & { log: string; logLine: number });
  return { report: summary.reports[0] as ReplayReport, found };
}

const linesOf = (path: string): string[] =>
  (path.endsWith('.gz') ? gunzipSync(readFileSync(path), { finishFlush: constants.Z_SYNC_FLUSH }) : readFileSync(path))
    .toString('utf8')
    .split('\n');

/** What must not depend on how the run was split: everything but timings and which examples came first. */
function essence(report: ReplayReport) {
  return {
    counts: report.counts,
    invalid: report.invalid,
    sourceErrors: report.sourceErrors,
    sourceLineOffsets: report.sourceLineOffsets,
    // SMAPE sums per partition; their total does not depend on the order partitions merge in.
    features: report.features.map((f) => ({ ...f, examples: f.examples.length })),
    classes: report.classes.map((c) => [c.feature, c.kind, c.cause, c.count]),
  };
}

describe('replay on worker threads', () => {
  it('progress counts every line read by the workers, and compares against that total', async () => {
    const config = await loadConfig(`${EXAMPLE}lockstep.in-process.config.ts`, EXAMPLE);
    const seen: { phase: string; done: number; total?: number }[] = [];
    const summary = await runReplay({
      config,
      cwd: EXAMPLE,
      reporters: [{ onProgress: (p) => seen.push(p) }],
      workers: 2,
      rangeBytes: 256 * 1024,
      minimizeSteps: 0,
    });
    const lastRead = seen.filter((p) => p.phase === 'partition').at(-1);
    const lastCompare = seen.filter((p) => p.phase === 'compare').at(-1);
    expect(summary.reports[0]?.counts.read).toBe(5000);
    expect(lastRead?.done).toBe(5000);
    expect(lastCompare).toMatchObject({ done: 5000, total: 5000 });
  });

  it('spilling many small partitions to disk and running them on 2 workers loses and corrupts nothing', async () => {
    const { report, found } = await replay(['logs/sample.jsonl'], { workers: 2 });
    expect(report.counts).toMatchObject({ read: 5000, compared: 5000, invalid: 0, errored: 0 });
    expect(found.map(divergenceKey).sort()).toEqual(PLANTED);
  });

  it('routing byte ranges of several logs (gzip, corrupt gzip) at once gives the report one thread gives, sharded or not', async () => {
    const sample = readFileSync(`${EXAMPLE}logs/sample.jsonl`, 'utf8').trim().split('\n');
    const hostile = [
      'not json',
      '',
      '{"timestamp":"2026-13-01T00:00:00Z","input":{}}',
      `${sample[7]}\r`,
      '{"timestamp":"2026-03-01T00:00:00Z","input":{"card_id":"c","amount":"12"}}',
    ];
    // Bad lines spread through two logs, so that they fall into different ranges.
    const first = [...sample.slice(0, 1500), ...hostile, ...sample.slice(1500, 3000)];
    const second = [...sample.slice(3000, 4200), ...hostile, ...sample.slice(4200)];
    const a = join(dir, 'a.jsonl');
    const b = join(dir, 'b.jsonl');
    writeFileSync(a, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(first.join('\n'))]));
    writeFileSync(b, `${second.join('\n')}\n`);
    const c = join(dir, 'c.jsonl.gz');
    writeFileSync(c, gzipSync(`${sample.slice(0, 700).join('\n')}\n`));
    // A gzip log cut short: the lines before the cut are replayed and the report says where reading stopped.
    const cut = gzipSync(`${sample.slice(700, 1400).join('\n')}\n`);
    const d = join(dir, 'd.jsonl.gz');
    writeFileSync(d, cut.subarray(0, Math.floor(cut.length * 0.6)));

    const lineOf = (d: { line: number; feature: string }) => `${d.line}:${d.feature}`;
    for (const shard of [undefined, { index: 1, count: 2 }]) {
      const split = shard === undefined ? {} : { shard };
      const one = await replay([a, c, d, b], split);
      const many = await replay([a, c, d, b], { ...split, workers: 2, rangeBytes: 256 * 1024 });
      expect(one.report.sourceErrors).toEqual([
        { source: d, afterLine: expect.any(Number), message: 'unexpected end of file' },
      ]);
      if (shard === undefined) expect(one.report.counts).toMatchObject({ invalid: 6, blank: 2 });
      else expect(one.report.counts.read).toBeLessThan(4000);
      expect(essence(many.report)).toEqual(essence(one.report));
      expect(many.found.map(lineOf).sort()).toEqual(one.found.map(lineOf).sort());
      // Each divergence names its log and its line there: that line is a record of the divergence's entity.
      for (const d of [...one.found, ...many.found]) {
        expect(linesOf(d.log)[d.logLine - 1]).toContain(`"card_id":"${d.entity}"`);
      }
    }
  });
});
