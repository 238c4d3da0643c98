import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

// Distribution skew through the real CLI: serving's `score` is training's × 1.5, within tolerance, so no record
// diverges; the distances show it, and a contract's thresholds fail the run on it.
const CONFIG = new URL('../fixtures/distribution/lockstep.config.ts', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'lockstep-distribution-'));
const LOG = join(root, 'log.jsonl');
writeFileSync(
  LOG,
  `${Array.from({ length: 400 }, (_, i) =>
    JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: `u${i % 50}`, amount: (i * 37) % 100 } }),
  ).join('\n')}\n`,
);

let runs = 0;
async function replay(contract: string, ...flags: string[]) {
  const dir = join(root, `out-${runs++}`);
  const args = ['replay', '--config', CONFIG, '--contract', contract, '--log', LOG, '--output-dir', dir, ...flags];
  const result = await runCli(args);
  return { result, dir };
}
const reportIn = (dir: string): ReplayReport =>
  (JSON.parse(readFileSync(join(dir, 'lockstep-report.json'), 'utf8')) as JsonReportDocument)
    .reports[0] as ReplayReport;

describe('distribution skew', () => {
  it('is reported beside record skew, and without thresholds the run passes', async () => {
    const { result, dir } = await replay('drift', '--reporter', 'default', '--reporter', 'json');
    expect(result.exitCode).toBe(0);
    const score = reportIn(dir).features.find((f) => f.feature === 'score');
    expect(score?.diverged).toBe(0);
    expect(score?.distribution?.kind).toBe('numeric');
    expect(score?.distribution?.psi).toBeGreaterThan(0.3);
    expect(score?.distribution?.ks).toBeGreaterThan(0.3);
    expect(score?.distribution?.training.values).toBe(400);
    expect(score?.scatter?.of).toBe(400);
    expect(score?.scatter?.points[0]?.[1]).toBeCloseTo((score?.scatter?.points[0]?.[0] ?? 0) * 1.5, 9);
    const tier = reportIn(dir).features.find((f) => f.feature === 'tier');
    expect(tier?.distribution).toMatchObject({ kind: 'categorical', psi: 0, jsDistance: 0, lInf: 0 });
    expect(tier?.distribution?.bins.map((b) => b.label).sort()).toEqual(['high', 'low', 'mid']);
    expect(result.stdout).toContain('Distributions (serving against training');
    expect(result.stdout).toMatch(/✓ score\s+\d+\.\d{4}/);
  }, 60_000);

  it('over a contract threshold fails the run with exit 1, in every report format', async () => {
    const flags = ['--reporter', 'default', '--reporter', 'json', '--reporter', 'junit', '--reporter', 'markdown'];
    const { result, dir } = await replay('gated', ...flags);
    expect(result.exitCode).toBe(1);
    const score = reportIn(dir).features.find((f) => f.feature === 'score');
    expect(score?.distribution?.breaches?.map((b) => b.metric)).toEqual(['psi', 'ks']);
    expect(reportIn(dir).features.find((f) => f.feature === 'tier')?.distribution?.breaches).toBeUndefined();
    expect(result.stdout).toMatch(/✖ gated: score's serving distribution drifted from training: PSI \d/);
    expect(result.stdout).toMatch(/✖ score .* over: PSI \d\.\d{4} > 0\.2, KS \d\.\d{4} > 0\.1/);
    const doc = JSON.parse(readFileSync(join(dir, 'lockstep-report.json'), 'utf8')) as JsonReportDocument;
    expect(doc.verdict.reasons.map((r) => [r.code, r.feature])).toEqual([
      ['distribution_skew', 'score'],
      ['distribution_skew', 'score'],
    ]);
    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testcase name="feature score"[^>]*>\s*<failure[^>]*type="distribution_skew"/);
    const markdown = readFileSync(join(dir, 'summary.md'), 'utf8');
    expect(markdown).toMatch(/\| `score` \| \d+\.\d{4} \| .* \| ✖ PSI \d\.\d{4} \\> 0\.2, KS/);
  }, 60_000);

  it('is annotated for GitHub at the feature', async () => {
    const { result } = await replay('gated', '--reporter', 'github');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /::error file=[^,]*lockstep\.config\.ts,line=\d+,title=Lockstep replay%3A gated · distribution_skew::/,
    );
  }, 60_000);
});
