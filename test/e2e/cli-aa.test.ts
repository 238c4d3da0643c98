import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ReplayReport } from '../../src/replay/replay-report.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

// A Python training side whose `noise` is random, an in-process serving side; both count their calls in `calls`.
const CONFIG = fileURLToPath(new URL('../fixtures/aa/lockstep.config.ts', import.meta.url));
// The project venv: it has lockstep_side (npm run setup:python).
const PYTHON = fileURLToPath(new URL('../../.venv/bin/python', import.meta.url));
const MARK = 'nondeterministic feature: not trusted as skew (A/A: training differs from itself run to run)';
const TIMEOUT = 180_000;

/** `lockstep replay` of the fixture in a fresh working directory, with every reporter writing to `<cwd>/out`. */
async function replay(...flags: string[]) {
  return await replayWith({}, ...flags);
}

async function replayWith(env: Record<string, string>, ...flags: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'lockstep-aa-'));
  const out = join(cwd, 'out');
  const reporters = ['default', 'json', 'markdown', 'junit', 'github'].flatMap((r) => ['--reporter', r]);
  const result = await runCli(
    ['replay', '--config', CONFIG, '--minimize-steps', '0', ...reporters, '--output-dir', out, ...flags],
    { cwd, env: { PYTHON, ...env } },
  );
  const doc = JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as JsonReportDocument;
  const file = (name: string) => readFileSync(join(out, name), 'utf8');
  return { result, stdout: String(result.stdout), doc, report: doc.reports[0] as ReplayReport, file, cwd, out };
}

/** The lines of a terminal block: from its heading to the blank line after it. */
function block(stdout: string, heading: string): string[] {
  const lines = stdout.split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  return start < 0 ? [] : lines.slice(start, lines.indexOf('', start));
}

describe('lockstep replay --aa, through the real CLI with a Python side and an in-process side', () => {
  it(
    'marks exactly the random feature and its class, on the side that is random, before the classes',
    async () => {
      // Act
      const { result, stdout, report, doc } = await replay('--aa');

      // Assert: the calibration names noise on training only; score and calls (counting calls) agree with themselves
      expect(result.exitCode).toBe(1);
      expect(report.aa?.features.map((f) => [f.feature, f.side])).toEqual([['noise', 'training']]);
      const noise = report.aa?.features[0];
      expect(noise).toMatchObject({ compared: 24, diverged: 24, lines: [1, 2, 3, 4, 5] });
      expect(report.aa?.sides).toEqual([
        { side: 'training', compared: 24 },
        { side: 'serving', compared: 24 },
      ]);
      expect(report.features.map((f) => [f.feature, f.nondeterministic])).toEqual([
        ['score', undefined],
        ['noise', ['training']],
        ['calls', undefined],
      ]);
      expect(report.classes.map((c) => [c.feature, c.nondeterministic])).toEqual([['noise', ['training']]]);
      // The terminal: an A/A block before the classes, and the class marked
      const aa = block(stdout, ' A/A calibration');
      expect(aa.join('\n')).toContain(
        '~ noise on training: 24 of 24 records differ when run twice (first at lines 1, 2, 3, 4, 5, …)',
      );
      expect(aa.some((l) => /score|calls/.test(l))).toBe(false);
      expect(stdout.indexOf(' A/A calibration')).toBeLessThan(stdout.indexOf(' Divergence classes'));
      expect(block(stdout, ' Divergence classes')[2]).toBe(`     ${MARK}`);
      // The gate: the feature fails on its own reason, first, and the class's reason says it is not trusted
      expect(doc.verdict.reasons.map((r) => [r.code, r.feature])).toEqual([
        ['nondeterministic', 'noise'],
        ['divergence', 'noise'],
      ]);
      expect(doc.verdict.headline).toMatch(/noise on training: 24 of 24 records differ when run twice/);
      expect(doc.verdict.reasons[1]?.message).toContain(`[${MARK}]`);
    },
    TIMEOUT,
  );

  it(
    'says the same in Markdown, JUnit and GitHub annotations',
    async () => {
      // Act
      const { stdout, file } = await replay('--aa');

      // Assert
      const md = file('summary.md');
      expect(md).toContain('### noisy@1: A/A calibration');
      expect(md).toContain('- nondeterministic: noise on training: 24 of 24 records differ when run twice');
      expect(md.indexOf('A/A calibration')).toBeLessThan(md.indexOf('divergence class'));
      expect(md).toContain(`**${MARK}**`);
      const junit = file('junit.xml');
      expect(junit).toContain('name="A/A calibration"');
      expect(junit).toContain('name="gate nondeterministic"');
      expect(junit).toContain(MARK);
      const annotations = stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(
        annotations.some(
          (l) => l.startsWith('::error') && l.includes('nondeterministic') && l.includes('noise on training'),
        ),
      ).toBe(true);
      expect(annotations.some((l) => l.includes('noise · value') && l.includes(MARK))).toBe(true);
    },
    TIMEOUT,
  );

  it(
    'skips a logged side, deterministic by definition, and says so',
    async () => {
      // Act
      const { stdout, report } = await replay('--aa', '--serving', 'logged');

      // Assert
      expect(report.aa?.sides?.find((s) => s.side === 'serving')?.skipped).toMatch(
        /logged.*deterministic by definition/,
      );
      expect(report.aa?.features.map((f) => [f.feature, f.side])).toEqual([['noise', 'training']]);
      expect(block(stdout, ' A/A calibration').join('\n')).toMatch(
        /serving: not run against itself: .*deterministic by definition/,
      );
    },
    TIMEOUT,
  );

  it(
    'calibrates without the flag when the contract’s config entry says aa: true',
    async () => {
      // Act
      const { report } = await replayWith({ AA_IN_CONFIG: '1' });

      // Assert
      expect(report.aa?.features.map((f) => [f.feature, f.side])).toEqual([['noise', 'training']]);
      expect(report.classes.map((c) => c.nondeterministic)).toEqual([['training']]);
    },
    TIMEOUT,
  );

  it(
    'changes nothing without --aa: no calibration, no mark, the same classes',
    async () => {
      // Act
      const { stdout, report, doc, file } = await replay();

      // Assert
      expect(report.aa).toBeUndefined();
      expect(report.classes.map((c) => [c.feature, c.kind, c.count, c.nondeterministic])).toEqual([
        ['noise', 'value', 24, undefined],
      ]);
      expect(report.features.every((f) => f.nondeterministic === undefined)).toBe(true);
      expect(doc.verdict.reasons.map((r) => r.code)).toEqual(['divergence']);
      expect(stdout).not.toContain('A/A calibration');
      expect(stdout).not.toContain('nondeterministic');
      expect(file('summary.md')).not.toContain('nondeterministic');
    },
    TIMEOUT,
  );

  it(
    'merges sharded A/A reports: records added, lines the first of the union, classes marked again',
    async () => {
      // Arrange: the run in two shards, each calibrated
      const shards = [await replay('--aa', '--shard', '1/2'), await replay('--aa', '--shard', '2/2')];
      const cwd = mkdtempSync(join(tmpdir(), 'lockstep-aa-merge-'));

      // Act
      const files = shards.map((s) => join(s.out, 'lockstep-report.json'));
      const merged = await runCli(['merge', ...files, '--reporter', 'json', '--output-dir', join(cwd, 'out')], { cwd });

      // Assert
      expect(merged.exitCode).toBe(1);
      const doc = JSON.parse(readFileSync(join(cwd, 'out', 'lockstep-report.json'), 'utf8')) as JsonReportDocument;
      const report = doc.reports[0] as ReplayReport;
      const parts = shards.map((s) => s.report.aa?.features[0]);
      expect(parts.map((p) => p?.compared).reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(24);
      expect(report.aa?.compared).toBe(24);
      expect(report.aa?.features).toEqual([
        { feature: 'noise', side: 'training', compared: 24, diverged: 24, lines: [1, 2, 3, 4, 5] },
      ]);
      expect(report.classes.map((c) => [c.feature, c.count, c.nondeterministic])).toEqual([
        ['noise', 24, ['training']],
      ]);
      expect(doc.verdict.reasons[0]?.code).toBe('nondeterministic');
      expect(existsSync(join(cwd, 'out'))).toBe(true);
    },
    TIMEOUT,
  );
});
