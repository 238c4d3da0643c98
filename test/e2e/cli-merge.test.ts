import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { GROWTH } from '../../src/replay/tally/latency-histogram.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/card-fraud/', import.meta.url).pathname;
const CONFIG = join(EXAMPLE, 'lockstep.in-process.config.ts');
const out = mkdtempSync(join(tmpdir(), 'lockstep-merge-e2e-'));
const LOG = join(out, 'log.jsonl');

/** `lockstep replay` of the card-fraud example on the small log, its JSON report in `out/<name>`. */
async function replay(name: string, ...flags: string[]) {
  const dir = join(out, name);
  const args = ['--log', LOG, '--id-field', 'txn_id', '--minimize-steps', '0', '--reporter', 'json'];
  const result = await runCli(['replay', '--config', CONFIG, ...args, '--output-dir', dir, ...flags]);
  return { result, file: join(dir, 'lockstep-report.json') };
}

async function merge(name: string, files: readonly string[]) {
  const dir = join(out, name);
  const result = await runCli(['merge', ...files, '--reporter', 'json', '--output-dir', dir]);
  return { result, doc: read(join(dir, 'lockstep-report.json')) };
}

const read = (file: string): JsonReportDocument => JSON.parse(readFileSync(file, 'utf8')) as JsonReportDocument;
const reportOf = (doc: JsonReportDocument): ReplayReport => doc.reports[0] as ReplayReport;

/** What one run and its merged shards must share exactly. */
function comparable(doc: JsonReportDocument) {
  const r = reportOf(doc);
  const ids = (examples: readonly { recordId?: string; line: number }[]) => examples.map((e) => [e.recordId, e.line]);
  return {
    counts: r.counts,
    classes: r.classes.map((c) => ({ key: [c.feature, c.kind, c.cause], count: c.count, ids: ids(c.examples) })),
    features: r.features.map((f) => ({
      feature: f.feature,
      diverged: f.diverged,
      byKind: f.byKind,
      ids: ids(f.examples),
      distribution: f.distribution,
      scatter: f.scatter,
    })),
    invalid: r.invalid,
    verdict: { status: doc.verdict.status, exitCode: doc.verdict.exitCode, reasons: doc.verdict.reasons },
  };
}

beforeAll(async () => {
  const generator = join(EXAMPLE, 'generate-log.ts');
  await execa('node', ['--import', 'tsx', generator, '--records', '1500', '--out', LOG], { cwd: EXAMPLE });
}, 120_000);

describe('lockstep merge, through the real CLI on the card-fraud example', () => {
  it('3 shards merged equal one run: counts, classes, example ids, invalid lines and verdict; latency within the sketch', async () => {
    // Arrange and act: one run, then the same run in 3 shards, merged
    const one = await replay('one');
    const shards = await Promise.all([1, 2, 3].map((i) => replay(`shard${i}`, '--shard', `${i}/3`)));
    const merged = await merge(
      'merged',
      shards.map((s) => s.file),
    );
    // Assert
    expect(one.result.exitCode).toBe(1);
    for (const s of shards) expect(s.result.exitCode).toBe(1);
    expect(merged.result.exitCode).toBe(one.result.exitCode);
    const whole = read(one.file);
    expect(whole.reportVersion).toBe(1);
    expect(reportOf(whole).counts.read).toBe(1500);
    expect(comparable(merged.doc)).toEqual(comparable(whole));
    expect(merged.doc.run.shard).toBeUndefined();
    // Latency: each side's merged sketch holds every record, and its percentiles lie within the shards' (± a bucket)
    const shardReports = shards.map((s) => reportOf(read(s.file)));
    for (const side of ['training', 'serving'] as const) {
      const mergedSide = reportOf(merged.doc).sides.find((s) => s.side === side);
      expect(reportOf(merged.doc).mergeable?.latency[side].total).toBe(1500);
      for (const q of ['p50', 'p95', 'p99'] as const) {
        const values = shardReports.map((r) => r.sides.find((s) => s.side === side)?.latencyMs[q] as number);
        expect(mergedSide?.latencyMs[q]).toBeGreaterThanOrEqual(Math.min(...values) / GROWTH);
        expect(mergedSide?.latencyMs[q]).toBeLessThanOrEqual(Math.max(...values) * GROWTH);
      }
    }
    // A missing shard is a usage error that names it
    const missing = await runCli(['merge', shards[0]?.file as string, shards[2]?.file as string]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('shard 2/3 missing');
  }, 300_000);

  it('shards of a sample add up to the sample; rate 1 is no sample; a sample’s classes are the whole run’s', async () => {
    const [sampled, half1, half2, all, one] = await Promise.all([
      replay('sampled', '--sample', '0.5'),
      replay('sampled1', '--sample', '0.5', '--shard', '1/2'),
      replay('sampled2', '--sample', '0.5', '--shard', '2/2'),
      replay('rate1', '--sample', '1'),
      replay('full'),
    ]);
    const merged = await merge('sampled-merged', [half1.file, half2.file]);
    const sample = reportOf(read(sampled.file));
    expect(sample.sample).toBe(0.5);
    expect(sample.counts.read + (sample.counts.sampledOut ?? 0)).toBe(1500);
    expect(comparable(merged.doc)).toEqual(comparable(read(sampled.file)));
    expect(reportOf(merged.doc).sample).toBe(0.5);
    expect(comparable(read(all.file))).toEqual(comparable(read(one.file)));
    expect(reportOf(read(all.file)).sample).toBeUndefined();
    const keys = (r: ReplayReport) => r.classes.map((c) => `${c.feature}|${c.kind}|${c.cause}`);
    const full = keys(reportOf(read(one.file)));
    expect(keys(sample).length).toBeGreaterThan(0);
    expect(keys(sample).every((k) => full.includes(k))).toBe(true);
  }, 300_000);
});
