import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

// Shards merged with `lockstep merge` give exactly one run's distributions, distances, breaches and scatter samples,
// and the same verdict (a distribution threshold breached fails both).
const CONFIG = new URL('../fixtures/distribution/lockstep.config.ts', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'lockstep-merge-distribution-'));
const LOG = join(root, 'log.jsonl');
// 1,200 records of 300 entities, amounts spread unevenly (so deciles, buckets and the scatter cut all matter).
writeFileSync(
  LOG,
  `${Array.from({ length: 1200 }, (_, i) =>
    JSON.stringify({
      timestamp: '2026-01-01T00:00:00Z',
      input: { user_id: `u${i % 300}`, amount: ((i * 7919) % 1000) / 10 + (i % 13 === 0 ? 0.25 : 0) },
    }),
  ).join('\n')}\n`,
);

const read = (dir: string): JsonReportDocument =>
  JSON.parse(readFileSync(join(dir, 'lockstep-report.json'), 'utf8')) as JsonReportDocument;
const distributions = (doc: JsonReportDocument) =>
  (doc.reports[0] as ReplayReport).features.map((f) => ({
    feature: f.feature,
    distribution: f.distribution,
    scatter: f.scatter,
  }));

async function run(name: string, args: readonly string[]) {
  const dir = join(root, name);
  const result = await runCli([...args, '--reporter', 'json', '--output-dir', dir]);
  return { result, doc: read(dir), dir };
}
const replay = (name: string, ...flags: string[]) =>
  run(name, ['replay', '--config', CONFIG, '--contract', 'gated', '--log', LOG, ...flags]);

describe('lockstep merge of distributions', () => {
  it('3 shards merged equal one run: bins, counts, distances, breaches, scatter sample, verdict', async () => {
    // Arrange and act
    const one = await replay('one');
    const shards = await Promise.all([1, 2, 3].map((i) => replay(`shard${i}`, '--shard', `${i}/3`)));
    const merged = await run('merged', ['merge', ...shards.map((s) => join(s.dir, 'lockstep-report.json'))]);
    // Assert
    expect(one.result.exitCode).toBe(1);
    expect(merged.result.exitCode).toBe(1);
    const whole = distributions(one.doc);
    expect(whole[0]?.distribution?.breaches?.length).toBeGreaterThan(0);
    expect(whole[0]?.scatter?.points).toHaveLength(500);
    expect(whole[0]?.scatter?.of).toBe(1200);
    // The shards each hold a part: not the whole run's distribution, yet together exactly it.
    expect(distributions(shards[0]?.doc as JsonReportDocument)).not.toEqual(whole);
    expect(distributions(merged.doc)).toEqual(whole);
    expect(merged.doc.verdict.reasons).toEqual(one.doc.verdict.reasons);
  }, 120_000);
});
