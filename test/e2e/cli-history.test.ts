import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/history/history-entry.ts';
import type { JsonReportDocument } from '../../src/report/json-reporter.ts';
import { runCli } from './run-cli.ts';

// The card-fraud example's first 400 records, training in-process against the features logged in production, in a
// fresh working directory: the history goes to its default place, lockstep-report/history.jsonl.
const EXAMPLE = new URL('../../examples/card-fraud/', import.meta.url).pathname;
const CONFIG = join(EXAMPLE, 'lockstep.in-process.config.ts');
const cwd = mkdtempSync(join(tmpdir(), 'lockstep-history-e2e-'));
const HISTORY = join(cwd, 'lockstep-report', 'history.jsonl');
const lines = readFileSync(join(EXAMPLE, 'logs', 'sample.jsonl'), 'utf8')
  .split('\n')
  .slice(0, 400);
writeFileSync(join(cwd, 'day1.jsonl'), `${lines.join('\n')}\n`);
// Day 2: the same records, but line 100's logged log_amount is a string — a class (log_amount · type) day 1 had not.
const planted = JSON.parse(lines[99] as string) as { served: Record<string, unknown> };
planted.served.log_amount = 'oops';
writeFileSync(join(cwd, 'day2.jsonl'), `${lines.map((l, i) => (i === 99 ? JSON.stringify(planted) : l)).join('\n')}\n`);

const replay = (log: string, ...flags: string[]) =>
  runCli(['replay', '--config', CONFIG, '--log', log, '--serving', 'logged', '--minimize-steps', '0', ...flags], {
    cwd,
  });
const historyLines = () => (existsSync(HISTORY) ? readFileSync(HISTORY, 'utf8').trimEnd().split('\n') : []);
const entries = () => historyLines().map((l) => JSON.parse(l) as HistoryEntry);
const jsonReport = (dir: string) =>
  (JSON.parse(readFileSync(join(cwd, dir, 'lockstep-report.json'), 'utf8')) as JsonReportDocument).reports[0];

describe('history through the real CLI', () => {
  it('two runs: two lines, the class only the second has is new there (terminal, JSON, Markdown); lockstep history shows both; a shard appends nothing, its merge once; a malformed line is named and skipped', async () => {
    // Run 1: no earlier run, so nothing is new, and the terminal says so
    const one = await replay('day1.jsonl', '--reporter', 'default', '--reporter', 'json', '--output-dir', 'run1');
    expect(one.exitCode).toBe(1);
    expect(historyLines()).toHaveLength(1);
    expect(one.stdout).not.toContain('new since last run');
    expect(one.stdout).toContain(
      'history  first run of card_fraud in lockstep-report/history.jsonl: no earlier run to compare with, so no class is marked new',
    );
    expect(jsonReport('run1')?.classes.some((c) => c.isNew !== undefined)).toBe(false);

    // Run 2: the planted class, and only it, is new
    const two = await replay(
      'day2.jsonl',
      ...['--reporter', 'default', '--reporter', 'json', '--reporter', 'markdown', '--output-dir', 'run2'],
    );
    expect(two.exitCode).toBe(1);
    expect(historyLines()).toHaveLength(2);
    expect(two.stdout).toMatch(/✖ log_amount · type · [^\n]* — 1 record {2}new since last run\n/);
    expect(two.stdout.match(/new since last run\n/g)).toHaveLength(1);
    expect(two.stdout).toMatch(
      /history {2}run 2 of card_fraud in lockstep-report\/history.jsonl: 1 class new since the last run \(2026-/,
    );
    const classes = jsonReport('run2')?.classes ?? [];
    expect(classes.filter((c) => c.isNew === true).map((c) => [c.feature, c.kind])).toEqual([['log_amount', 'type']]);
    expect(classes.length).toBeGreaterThan(1);
    const markdown = readFileSync(join(cwd, 'run2', 'summary.md'), 'utf8');
    expect(markdown.match(/\*\*new since last run\*\*/g)).toHaveLength(1);
    const [first, second] = entries();
    expect(second?.classes.length).toBe((first?.classes.length ?? 0) + 1);
    expect(second?.features.find((f) => f.feature === 'log_amount')).toMatchObject({
      diverged: 1,
      mismatchRate: 0.0025,
    });

    // lockstep history: both runs, newest last, each feature's rate run by run
    const shown = await runCli(['history'], { cwd });
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toContain('card_fraud@1.0.0: 2 runs from lockstep-report/history.jsonl, newest last');
    const runRows = shown.stdout.split('\n').filter((l) => /^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ/.test(l));
    expect(runRows).toHaveLength(2);
    expect(runRows[1]).toMatch(/ 1$/); // the second run: 1 class new
    expect(shown.stdout).toMatch(/log_amount +\S+ \S+ +\S+ +0\.00%[^\n]*\n +\S+ \S+ +\S+ +0\.25%/);
    const json = await runCli(['history', '--json', '--feature', 'log_amount', '--last', '1'], { cwd });
    const view = JSON.parse(json.stdout) as { contracts: Record<string, HistoryEntry[]> };
    expect(view.contracts.card_fraud?.map((e) => e.features.map((f) => f.mismatchRate))).toEqual([[0.0025]]);

    // A single shard appends nothing (nor does --no-history); merging the shards appends the run once
    const shards = await Promise.all(
      [1, 2].map((i) => replay('day2.jsonl', '--shard', `${i}/2`, '--reporter', 'json', '--output-dir', `shard${i}`)),
    );
    for (const s of shards) expect(s.exitCode).toBe(1);
    expect(await replay('day2.jsonl', '--no-history').then((r) => r.exitCode)).toBe(1);
    expect(historyLines()).toHaveLength(2);
    const merged = await runCli(['merge', 'shard1/lockstep-report.json', 'shard2/lockstep-report.json'], { cwd });
    expect(merged.exitCode).toBe(1);
    expect(historyLines()).toHaveLength(3);
    expect(merged.stdout).toContain(
      'run 3 of card_fraud in lockstep-report/history.jsonl: 0 classes new since the last run',
    );
    expect(entries()[2]?.classes).toEqual(entries()[1]?.classes);

    // A malformed line is named by file and line and skipped, by lockstep history and by a run; never fatal
    appendFileSync(HISTORY, 'not a history entry\n');
    const after = await runCli(['history'], { cwd });
    expect(after.exitCode).toBe(0);
    expect(after.stderr).toMatch(/^lockstep-report\/history.jsonl:4: skipped: not JSON/m);
    expect(after.stdout).toContain('card_fraud@1.0.0: 3 runs');
    const three = await replay('day2.jsonl');
    expect(three.exitCode).toBe(1);
    expect(three.stdout).toMatch(/! history {2}lockstep-report\/history.jsonl:4: skipped: not JSON/);
    expect(three.stdout).toContain('run 4 of card_fraud');
    expect(historyLines()).toHaveLength(5);
  }, 600_000);

  it('a single shard says it wrote no history (terminal, else stderr), whatever file it would have written; a --sample run is recorded with its rate, and lockstep history shows it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-history-shard-sample-'));
    const day1 = join(cwd, 'day1.jsonl');
    const run = (...flags: string[]) =>
      runCli(['replay', '--config', CONFIG, '--log', day1, '--serving', 'logged', '--minimize-steps', '0', ...flags], {
        cwd: dir,
      });
    const note = (shard: string) =>
      `history: not written for a single shard (--shard ${shard}); lockstep merge of the shards writes it`;

    // The default file, terminal report: the note on stdout, the run carries on (its verdict), nothing written
    const one = await run('--shard', '1/2');
    expect(one.exitCode).toBe(1);
    expect(one.stdout.split('\n')).toContain(`  ${note('1/2').replace('history: ', 'history  ')}`);
    expect(one.stderr).not.toContain('history:');
    // An explicit --history, JSON report only: the note on stderr
    const two = await run('--shard', '2/2', '--history', 'mine.jsonl', '--reporter', 'json', '--output-dir', 'out');
    expect(two.exitCode).toBe(1);
    expect(two.stderr.split('\n')).toContain(note('2/2'));
    expect(existsSync(join(dir, 'mine.jsonl'))).toBe(false);
    expect(existsSync(join(dir, 'lockstep-report'))).toBe(false);
    // --no-history: no file would have been written, so nothing to say
    const none = await run('--shard', '1/2', '--no-history');
    expect(none.all).not.toContain('not written for a single shard');

    // --sample 0.5: the line carries the rate; lockstep history shows it beside the run
    const sampled = await run('--sample', '0.5');
    expect(sampled.exitCode).toBe(1);
    const file = join(dir, 'lockstep-report', 'history.jsonl');
    const written = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(written).toHaveLength(1);
    const entry = JSON.parse(written[0] as string) as HistoryEntry;
    expect(entry.sample).toBe(0.5);
    expect(entry.counts.read).toBeLessThan(400);
    const shown = await runCli(['history'], { cwd: dir });
    expect(shown.exitCode).toBe(0);
    expect(shown.stdout).toMatch(/^ {2}\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ sample 0\.5 /m);
    const json = await runCli(['history', '--json'], { cwd: dir });
    const view = JSON.parse(json.stdout) as { contracts: Record<string, HistoryEntry[]> };
    expect(view.contracts.card_fraud?.map((e) => e.sample)).toEqual([0.5]);
  }, 600_000);

  it('no history file: lockstep history exits 2 and says what writes it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'lockstep-history-none-'));
    const result = await runCli(['history'], { cwd: empty });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('history: no history file at lockstep-report/history.jsonl; each whole run');
  });
});
