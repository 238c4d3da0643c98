import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSessionLog, type SessionLog } from '../../examples/spark-sessions/generate-log.ts';
import { isCi } from '../../src/cli/is-ci.ts';
import { parseLosslessJson } from '../../src/codec/lossless-json.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/spark-sessions/', import.meta.url).pathname;
const PYTHON = new URL('../../.venv/bin/python', import.meta.url).pathname;

/** Why the real Spark run cannot start here (no venv python with pyspark, no java), or undefined when it can. */
function sparkMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `no ${PYTHON} (run npm run setup:python)`;
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch {
    return 'no java on the PATH (Spark needs a JDK 17 or later)';
  }
  try {
    execFileSync(PYTHON, ['-c', 'import pyspark'], { stdio: 'ignore' });
  } catch {
    return 'pyspark is not installed in the project venv (requirements.txt)';
  }
  return undefined;
}

const missing = sparkMissing();
// On a developer machine without Spark the example is skipped; on CI a missing tool fails the run instead.
const suite = missing === undefined || isCi(process.env) ? describe : describe.skip;

const dir = mkdtempSync(join(tmpdir(), 'lockstep-spark-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeLog(name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** Replays a log against the Spark features through the CLI; the JSON report and every divergence written. */
async function replay(log: string, features: string, name: string) {
  const out = join(dir, name);
  const result = await runCli(
    [
      'replay',
      '--config',
      join(EXAMPLE, 'lockstep.config.ts'),
      '--training',
      features,
      '--log',
      log,
      '--reporter',
      'default',
      '--reporter',
      'json',
      '--output-dir',
      out,
      '--divergences',
      join(out, 'divergences.jsonl'),
      '--minimize-steps',
      '0',
    ],
    { cwd: dir },
  );
  const document = parseLosslessJson(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as {
    reports: ReplayReport[];
  };
  const divergences = readFileSync(join(out, 'divergences.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as { recordId?: string; feature: string; kind: string });
  return { result, report: document.reports[0] as ReplayReport, divergences };
}

suite('the Spark example: a PySpark job’s features (Parquet) against the served features', () => {
  let planted: SessionLog;
  let features: string;

  beforeAll(async () => {
    if (missing !== undefined) throw new Error(`the Spark example needs its tools on CI: ${missing}`);
    planted = generateSessionLog();
    writeLog('sessions.jsonl', planted.lines);
    features = join(dir, 'features.parquet');
    await execa(PYTHON, [join(EXAMPLE, 'training_job.py'), '--log', join(dir, 'sessions.jsonl'), '--out', features], {
      timeout: 360_000,
    });
  }, 400_000);

  it('names exactly the planted records: the online store’s 7-day window keeps an event exactly 7 days old', async () => {
    const { result, report, divergences } = await replay(join(dir, 'sessions.jsonl'), features, 'planted');

    expect(result.exitCode).toBe(1);
    expect(planted.planted).toHaveLength(6);
    expect([...new Set(divergences.map((d) => d.recordId))].sort()).toEqual([...planted.planted].sort());
    expect([...new Set(divergences.map((d) => d.feature))].sort()).toEqual(['avg_amount_7d', 'events_7d', 'spend_7d']);
    expect(report.counts).toMatchObject({ read: planted.lines.length, compared: planted.lines.length, errored: 0 });
    expect(report.counts.diverged).toBe(6);
    expect(result.stdout).toContain('✖ events_7d · value · serving higher — 6 records');
  });

  it('passes with no divergence against the log of the fixed online store', async () => {
    const fixed = generateSessionLog({ weekBoundary: 'exclusive' });
    const log = writeLog('sessions.fixed.jsonl', fixed.lines);

    const { result, report, divergences } = await replay(log, features, 'fixed');

    expect(result.exitCode).toBe(0);
    expect(report.counts).toMatchObject({ compared: fixed.lines.length, diverged: 0, errored: 0 });
    expect(divergences).toEqual([]);
    expect(report.sides[0]?.diagnostics.count).toBe(0);
  });

  it('counts records the job has no row for, duplicate ids and rows no record joined', async () => {
    const broken = join(dir, 'broken.parquet');
    cpSync(features, broken, { recursive: true });
    const [first] = planted.lines;
    const firstId = (JSON.parse(first as string) as { id: string }).id;
    // Two rows of the job's output again, as a part file of their own: one under an id the job already wrote, one
    // under an id the log lacks.
    execFileSync(PYTHON, [
      '-c',
      `import sys, pyarrow as pa, pyarrow.parquet as pq
t = pq.read_table(sys.argv[1]).slice(0, 2)
t = t.set_column(t.column_names.index('id'), 'id', pa.array([sys.argv[3], 'ev-999999']))
pq.write_table(t, sys.argv[2])`,
      features,
      join(broken, 'part-99999-extra.parquet'),
      firstId,
    ]);
    const orphans = ['ev-x1', 'ev-x2'].map((id) => (first as string).replace(firstId, id));
    const log = writeLog('sessions.orphans.jsonl', [...planted.lines, ...orphans]);

    const { result, report } = await replay(log, broken, 'broken');

    expect(result.exitCode).toBe(1);
    const cls = report.classes.find((c) => c.cause.startsWith('training: missing from precomputed features in'));
    expect(cls?.count).toBe(2);
    expect(cls?.examples.map((e) => e.recordId)).toEqual(['ev-x1', 'ev-x2']);
    expect(report.counts.errored).toBe(2);
    const notes = report.sides[0]?.diagnostics.first.map((d) => `${d.kind}: ${d.message}`) ?? [];
    expect(notes).toEqual([
      expect.stringMatching(
        new RegExp(
          `^join: 1 row of .*broken\\.parquet repeats an id an earlier row has; .*: '${firstId}' \\(rows \\d+, \\d+\\)$`,
        ),
      ),
      expect.stringMatching(/^join: 1 row of .*broken\.parquet matched no logged record .*: ids 'ev-999999'$/),
    ]);
  });
});

describe('the Spark example’s committed log', () => {
  it('is what its deterministic generator writes', () => {
    const committed = readFileSync(join(EXAMPLE, 'logs/sessions.jsonl'), 'utf8');

    expect(committed).toBe(`${generateSessionLog().lines.join('\n')}\n`);
  });
});
