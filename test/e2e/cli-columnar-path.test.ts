import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CSV_NOT_COLUMNAR, JSONL_GZ_NOT_COLUMNAR } from '../../src/io/log-file-format.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { runCli } from './run-cli.ts';

// The pandas benchmark's config: a Parquet log through two pandas frame sides.
const CONFIG = fileURLToPath(new URL('../../bench/pandas/lockstep.config.ts', import.meta.url));
const PYTHON = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lockstep-columnar-path-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const log = join(dir, 'ecommerce.parquet');
execFileSync(PYTHON, ['bench/pandas/generate.py', '--rows', '2000', '--out', log], { stdio: 'ignore' });

async function replay(env: Record<string, string>, flags: readonly string[] = [], logFile = log) {
  const name = [...Object.values(env), ...flags, logFile === log ? '' : 'other-log'].join('-');
  const out = join(dir, `out-${name.replace(/[^\w-]+/g, '_')}`);
  const args = ['replay', '--config', CONFIG, '--log', logFile, '--minimize-steps', '0', ...flags];
  const reporters = ['--reporter', 'default', '--reporter', 'json', '--output-dir', out];
  const result = await runCli([...args, ...reporters], { env: { LOCKSTEP_BENCH_PYTHON: PYTHON, ...env } });
  const doc = JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as { reports: ReplayReport[] };
  return { stdout: String(result.stdout), report: doc.reports[0] as ReplayReport, exitCode: result.exitCode, out };
}

/**
 * Replays a copy of the Parquet log in another format (written by `python`): it must take the row path, say `because`
 * on the path line and in the JSON report, and find what the Parquet log's run finds.
 */
async function expectRowPathCopy(copy: string, python: string, because: string): Promise<void> {
  execFileSync(PYTHON, ['-c', python, log, copy]);
  const parquet = await replay({});
  const { stdout, report } = await replay({}, [], copy);
  expect(report.columnar).toEqual({ used: false, because });
  expect(stdout).toContain(`  path     replayed as JSON lines, not column by column: ${because}`);
  // The same rows, the same findings.
  expect(report.counts).toEqual(parquet.report.counts);
  expect(report.features.map((f) => [f.feature, f.diverged])).toEqual(
    parquet.report.features.map((f) => [f.feature, f.diverged]),
  );
}

/** The Parquet log's timestamps as ISO text with milliseconds, as a CSV or JSON-lines writer would put them. */
const ISO_TIMESTAMPS = `import json, pandas as pd, sys
d = pd.read_parquet(sys.argv[1])
d['timestamp'] = d['timestamp'].dt.strftime('%Y-%m-%dT%H:%M:%S.%f').str[:-3] + 'Z'
`;

describe('lockstep replay says which path a Parquet log through frame sides took', () => {
  it('column by column: the JSON report says so and the terminal says nothing more', async () => {
    const { stdout, report, exitCode } = await replay({});
    expect(exitCode).toBe(1); // the benchmark's planted differences
    expect(report.counts.read).toBe(2000);
    expect(report.columnar).toEqual({ used: true });
    expect(stdout).not.toContain('replayed as JSON lines');
    expect(stdout).not.toContain('parts of whole entities');
  }, 180_000);

  it('above LOCKSTEP_COLUMNAR_MAX_ROWS: column by column in parts of whole entities, the same findings', async () => {
    const whole = await replay({});
    const { stdout, report } = await replay({ LOCKSTEP_COLUMNAR_MAX_ROWS: '700' });
    expect(report.columnar).toEqual({ used: true, parts: 3 });
    expect(stdout).toContain(
      '  path     column by column in 3 parts of whole entities: the log has more rows than LOCKSTEP_COLUMNAR_MAX_ROWS',
    );
    expect(report.counts).toEqual(whole.report.counts);
    expect(report.features.map((f) => [f.feature, f.diverged])).toEqual(
      whole.report.features.map((f) => [f.feature, f.diverged]),
    );
  }, 180_000);

  it('shards read in parts merge into the whole run: counts, classes and their first records', async () => {
    const whole = await replay({});
    const env = { LOCKSTEP_COLUMNAR_MAX_ROWS: '500' };
    const shards = [await replay(env, ['--shard', '1/2']), await replay(env, ['--shard', '2/2'])];
    for (const shard of shards) expect(shard.report.columnar?.used).toBe(true);
    const files = shards.map((shard) => join(shard.out, 'lockstep-report.json'));
    const out = join(dir, 'merged');
    const merged = await runCli(['merge', ...files, '--no-history', '--reporter', 'json', '--output-dir', out]);
    expect(merged.exitCode).toBe(1); // the planted differences
    const report = (JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as { reports: ReplayReport[] })
      .reports[0] as ReplayReport;
    expect(report.counts).toEqual(whole.report.counts);
    const classes = (r: ReplayReport) =>
      r.classes.map((c) => [c.feature, c.kind, c.count, c.examples.map((e) => e.line)]);
    expect(classes(report)).toEqual(classes(whole.report));
    expect(report.columnar).toEqual({ used: true });
  }, 240_000);

  it('a LOCKSTEP_COLUMNAR_MAX_ROWS that is not a whole number of rows is a usage error naming it (exit 2)', async () => {
    for (const value of ['0', '2,000,000', 'lots']) {
      const args = ['replay', '--config', CONFIG, '--log', log, '--minimize-steps', '0', '--no-history'];
      const result = await runCli(args, { env: { LOCKSTEP_BENCH_PYTHON: PYTHON, LOCKSTEP_COLUMNAR_MAX_ROWS: value } });
      expect(result.exitCode, value).toBe(2);
      expect(String(result.stderr), value).toContain(
        `LOCKSTEP_COLUMNAR_MAX_ROWS must be a whole number of rows, at least 1 (default 2,000,000); got ${value === '0' ? '0' : JSON.stringify(value)}`,
      );
    }
  }, 180_000);

  it('as JSON lines: the terminal and the JSON report say why (here, an entity above the limit)', async () => {
    const { stdout, report } = await replay({}, ['--max-entity-events', '3']);
    expect(report.counts.read).toBe(2000);
    expect(report.columnar?.used).toBe(false);
    expect(report.columnar?.because).toMatch(/^entity \S+ has \d+ rows, above the entity limit of 3$/);
    expect(stdout).toContain(`  path     replayed as JSON lines, not column by column: ${report.columnar?.because}`);
  }, 180_000);

  it('a CSV log: read as JSON lines, and the report says a Parquet copy would go column by column', async () => {
    const python = `${ISO_TIMESTAMPS}d.to_csv(sys.argv[2], index=False)`;
    await expectRowPathCopy(join(dir, 'ecommerce.csv'), python, CSV_NOT_COLUMNAR);
  }, 180_000);

  it('a JSON-lines log: read column by column as well, the same findings; compressed, as lines, saying why', async () => {
    const copy = join(dir, 'ecommerce.jsonl');
    const python = `${ISO_TIMESTAMPS}with open(sys.argv[2], 'w') as out:
    for record in d.to_dict(orient='records'):
        out.write(json.dumps({'input': {k: (None if v != v else v) for k, v in record.items()}}) + '\\n')`;
    execFileSync(PYTHON, ['-c', python, log, copy]);
    const parquet = await replay({});
    const lines = await replay({}, [], copy);
    expect(lines.report.columnar).toEqual({ used: true });
    expect(lines.stdout).not.toContain('replayed as JSON lines');
    expect(lines.report.counts).toEqual(parquet.report.counts);
    expect(lines.report.features.map((f) => [f.feature, f.diverged])).toEqual(
      parquet.report.features.map((f) => [f.feature, f.diverged]),
    );
    await expectRowPathCopy(
      `${copy}.gz`,
      `import gzip, shutil, sys
with open(${JSON.stringify(copy)}, 'rb') as f, gzip.open(sys.argv[2], 'wb') as g:
    shutil.copyfileobj(f, g)`,
      JSONL_GZ_NOT_COLUMNAR,
    );
  }, 180_000);
});
