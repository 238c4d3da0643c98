import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

// Root-cause slicing through the real CLI: serving's offset table is wrong for Sydney only (see the fixture), so the
// one divergence class is every Sydney record, a fifth of the log; its top slice must say so, in every report format,
// and merged shards must rank the same slices as one run.
const CONFIG = new URL('../fixtures/slicing/lockstep.config.ts', import.meta.url).pathname;
const ZONES = ['Australia/Sydney', 'Europe/Paris', 'America/New_York', 'Asia/Tokyo', 'UTC'];
const root = mkdtempSync(join(tmpdir(), 'lockstep-slicing-'));
const LOG = join(root, 'log.jsonl');
writeFileSync(
  LOG,
  `${Array.from({ length: 500 }, (_, i) =>
    JSON.stringify({
      timestamp: `2026-01-01T00:${String(i % 60).padStart(2, '0')}:00Z`,
      input: {
        card_id: `c${(i * 7) % 37}`,
        amount: ((i * 7919) % 10_000) / 100,
        utc_hour: (i * 5) % 13,
        cardholder_tz: ZONES[i % 5],
      },
    }),
  ).join('\n')}\n`,
);

let runs = 0;
async function replay(...flags: string[]) {
  const dir = join(root, `out-${runs++}`);
  const result = await runCli(['replay', '--config', CONFIG, '--log', LOG, '--output-dir', dir, ...flags]);
  return { result, dir, file: join(dir, 'lockstep-report.json') };
}
const reportIn = (file: string): ReplayReport =>
  (JSON.parse(readFileSync(file, 'utf8')) as JsonReportDocument).reports[0] as ReplayReport;

const SYDNEY = 'cardholder_tz = "Australia/Sydney"';

describe('root-cause slicing', () => {
  it('ranks first the time zone every record of the class shares, in every report format', async () => {
    const formats = ['default', 'json', 'junit', 'markdown'].flatMap((r) => ['--reporter', r]);
    const { result, dir, file } = await replay(...formats);
    expect(result.exitCode).toBe(1);
    const classes = reportIn(file).classes;
    expect(classes.map((c) => [c.feature, c.count])).toEqual([['local_hour', 100]]);
    expect(classes[0]?.slices?.[0]).toEqual({
      predicate: SYDNEY,
      field: 'cardholder_tz',
      inClass: 1,
      inLog: 0.2,
      lift: 5,
    });
    expect(result.stdout).toContain(`shared by ${SYDNEY} (100% of class, 20% of log)`);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toContain(
      `shared by \`${SYDNEY}\` (100% of class, 20% of log)`,
    );
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(
      /shared by: cardholder_tz = (&quot;|")Australia\/Sydney(&quot;|") \(100% of class, 20% of log\)/,
    );
    const github = await replay('--reporter', 'github');
    // A workflow command escapes `%`.
    expect(github.result.stdout).toContain(`shared by: ${SYDNEY} (100%25 of class, 20%25 of log)`);
  }, 120_000);

  it('merged shards rank the same slices as one run', async () => {
    const one = await replay('--reporter', 'json');
    const shards = await Promise.all([1, 2, 3].map((i) => replay('--reporter', 'json', '--shard', `${i}/3`)));
    const dir = join(root, 'merged');
    const merged = await runCli(['merge', ...shards.map((s) => s.file), '--reporter', 'json', '--output-dir', dir]);
    expect(merged.exitCode).toBe(1);
    const slices = (r: ReplayReport) => r.classes.map((c) => [c.feature, c.cause, c.slices]);
    const whole = slices(reportIn(one.file));
    expect(whole[0]?.[2]).toBeDefined();
    expect(slices(reportIn(join(dir, 'lockstep-report.json')))).toEqual(whole);
    // Each shard ranks its own part: the merge does not just keep one shard's slices.
    expect(reportIn(shards[0]?.file as string).mergeable?.slicing?.log.records).toBeLessThan(500);
  }, 180_000);
});
