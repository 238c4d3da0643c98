import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ensureEcommerceJsonl, ensureIdLog, python } from '../../bench/bench-data.ts';
import { ENTITY_WISE_CONFIG, loggedReplay, recordsOf } from '../../bench/engine-bench.ts';
import { type ChildRun, measureChild, median, rotate } from '../../bench/measure-child.ts';
import { ecommerce } from '../../bench/pandas/contract.ts';
import {
  assertAgreement,
  findingsOf,
  jsonlCommand,
  pandasCommands,
  partsCommand,
  rowPathCommand,
} from '../../bench/pandas-bench.ts';
import type { ReplayReport } from '../../src/replay/replay-report.ts';

// The bench's workload code at a tiny scale, so it cannot rot between full `npm run bench` runs. No duration is
// asserted: only that every piece runs, measures something, and that the tools agree on what they found.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-bench-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectMeasured(run: ChildRun): void {
  expect(run.wallSeconds).toBeGreaterThan(0);
  expect(run.cpuSeconds).toBeGreaterThan(0);
  expect(run.maxRssMB).toBeGreaterThan(0);
  expect(run.treeRssMB).toBeGreaterThanOrEqual(run.maxRssMB);
}

describe('the pandas workload', () => {
  it('generator → Parquet → every tool finds the same planted mismatches', async () => {
    // Arrange
    const parquet = join(dir, 'ecommerce.parquet');
    execFileSync(python(), ['bench/pandas/generate.py', '--rows', '2000', '--out', parquet]);

    // Act
    // The CLI from its sources (no build while other tests pack the package); the bench runs the built one.
    const fromSource = { fromSource: true };
    const runs = await rotate(1, {
      ...pandasCommands(parquet, fromSource),
      ...rowPathCommand(parquet, fromSource),
      ...partsCommand(parquet, 2000, fromSource),
      ...jsonlCommand(ensureEcommerceJsonl(parquet), fromSource),
    });

    // Assert
    const findings = Object.fromEntries(Object.entries(runs).map(([tool, r]) => [tool, findingsOf(r[0] as ChildRun)]));
    // lockstep-rows: Lockstep forced through the row path (LOCKSTEP_ROW_PATH=1), beside its columnar path;
    // lockstep-parts: the columnar path reading the log in 4 parts of whole entities; lockstep-jsonl: the same rows as
    // JSON lines, read column by column too.
    expect(Object.keys(findings)).toEqual([
      'skewsentry',
      'floor',
      'lockstep',
      'lockstep-rows',
      'lockstep-parts',
      'lockstep-jsonl',
    ]);
    const columnar = (tool: string) => {
      const run = (runs[tool] ?? [])[0] as ChildRun;
      return (run.result.file as { reports: ReplayReport[] }).reports[0]?.columnar;
    };
    expect(columnar('lockstep-parts')).toEqual({ used: true, parts: 4 });
    expect(columnar('lockstep-jsonl')).toEqual({ used: true });
    for (const r of Object.values(runs)) expectMeasured(r[0] as ChildRun);
    const agreed = assertAgreement(findings);
    expect(agreed.rows).toBe(2000);
    expect(agreed.missing).toBe(0);
    const found = Object.entries(agreed.mismatches).filter(([, n]) => n > 0);
    expect(found.map(([f]) => f).sort()).toEqual(['country', 'txn_count_7d']);
  });

  it('the SkewSentry spec and the Lockstep contract have the same features and tolerances', () => {
    // Arrange
    const spec = parse(readFileSync('bench/pandas/features.yml', 'utf8')) as {
      features: { name: string; dtype: string; tolerance?: { abs?: number; rel?: number } }[];
    };

    // Act
    const fromSpec = spec.features.map((f) => [f.name, f.tolerance?.abs ?? 0, f.tolerance?.rel]);
    const fromContract = Object.entries(ecommerce.features).map(([name, f]) => {
      const tolerance = 'tolerance' in f ? (f.tolerance as { abs?: number; rel?: number } | undefined) : undefined;
      return [name, tolerance?.abs ?? 0, tolerance?.rel];
    });

    // Assert
    expect(fromContract).toEqual(fromSpec);
  });

  it('tools that disagree make the benchmark invalid', () => {
    const a = { rows: 10, missing: 0, mismatches: { spend_7d: 1 } };
    expect(() => assertAgreement({ a, b: { ...a, mismatches: { spend_7d: 2 } } })).toThrow(/disagree/);
    expect(assertAgreement({ a, b: { ...a } })).toEqual(a);
  });
});

describe('the engine section', () => {
  it('ceiling, record-wise, entity-wise and 19-digit-id runs all read every record', async () => {
    // Arrange
    const log = join(dir, 'card.jsonl');
    execFileSync(process.execPath, [
      '--import',
      'tsx',
      'examples/card-fraud/generate-log.ts',
      '--records',
      '2000',
      '--out',
      log,
    ]);
    const idLog = await ensureIdLog(log);
    const tsx = (...args: string[]) => ({ command: process.execPath, args: ['--import', 'tsx', ...args] });
    // `lockstep replay` from its sources (no build while other tests pack the package); the bench runs the built one.
    const fromSource = { fromSource: true };

    // Act
    const runs = await rotate(1, {
      raw: tsx('bench/raw-ceiling.ts', log),
      recordWise: loggedReplay(log, undefined, fromSource),
      entityWise: loggedReplay(log, ENTITY_WISE_CONFIG, fromSource),
      withId: loggedReplay(idLog, undefined, fromSource),
    });

    // Assert
    for (const [name, [run]] of Object.entries(runs)) {
      expectMeasured(run as ChildRun);
      expect({ name, records: recordsOf(run as ChildRun) }).toEqual({ name, records: 2000 });
      // Measured inside the process too: the ceiling after its imports, a replay from its start (cli-probe.mjs).
      expect(run?.result.cpuSeconds).toBeGreaterThan(0);
      expect(run?.result.seconds).toBeGreaterThan(0);
    }
    const firstLine = readFileSync(idLog, 'utf8').split('\n')[0] as string;
    expect(firstLine).toMatch(/^\{"id":1000000000000000000,"timestamp":/);
    // Both sides read the same served features: nothing diverges, record-wise or entity-wise.
    const report = runs.entityWise[0]?.result.file as { reports: { counts: unknown }[] };
    expect(report.reports[0]?.counts).toMatchObject({ read: 2000, compared: 2000, diverged: 0 });
  });

  it('measureChild reports a child that fails, and median takes the middle', async () => {
    await expect(measureChild({ command: process.execPath, args: ['-e', 'process.exit(3)'] })).rejects.toThrow(
      /exited 3/,
    );
    // An exit code the command declares as finished (a replay that found divergences exits 1) is measured.
    const printsThenFails = ['-e', 'console.log(JSON.stringify({ done: true })); process.exit(1)'];
    const accepted = await measureChild({ command: process.execPath, args: printsThenFails, exitCodes: [0, 1] });
    expect(accepted.result).toEqual({ done: true });
    // A result file the command should have written and did not is an error, not a silent empty result.
    const missing = join(dir, 'never-written.json');
    await expect(
      measureChild({ command: process.execPath, args: printsThenFails, exitCodes: [1], resultFile: missing }),
    ).rejects.toThrow(/wrote no readable .*never-written\.json/);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe("the bench's replay commands", () => {
  it('leave no report directory behind when the bench process exits', () => {
    // Arrange: a process that makes two commands (each with its report directory) and prints where they write
    const script = [
      "import { cliReplay } from './bench/cli-replay.ts';",
      "const a = cliReplay('c.ts', 'a.jsonl', [], { fromSource: true });",
      "const b = cliReplay('c.ts', 'b.jsonl', [], { fromSource: true });",
      "const { existsSync } = await import('node:fs');",
      "const { dirname } = await import('node:path');",
      'console.log(JSON.stringify([a.resultFile, b.resultFile].map((f) => [dirname(f), existsSync(dirname(f))])));',
    ].join('\n');
    // Act
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    // Assert: they existed while it ran, and are gone after
    const dirs = JSON.parse(out) as [string, boolean][];
    expect(dirs.map(([, existed]) => existed)).toEqual([true, true]);
    for (const [d] of dirs) expect(existsSync(d)).toBe(false);
  });
});
