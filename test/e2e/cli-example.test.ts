import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIVERGING_FEATURES, divergenceKey, PLANTED } from '../fixtures/card-fraud-planted.ts';
import { runCli } from './run-cli.ts';

const EXAMPLE = new URL('../../examples/card-fraud/', import.meta.url).pathname;
async function replayExample(config: string, ...flags: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'lockstep-example-'));
  const divergences = join(out, 'divergences.jsonl');
  const result = await runCli(['replay', '--config', join(EXAMPLE, config), '--divergences', divergences, ...flags]);
  const found = readFileSync(divergences, 'utf8')
    .trim()
    .split('\n')
    .map((line) => divergenceKey(JSON.parse(line) as { line: number; feature: string; kind: string }))
    .sort();
  return { result, found };
}

describe('the bundled card-fraud example, through the real CLI', () => {
  it('pandas training (Python child) vs TypeScript serving: every PLANTED divergence and nothing else, exit 1 (--workers cannot apply)', async () => {
    const { result, found } = await replayExample('lockstep.config.ts', '--workers', '2');
    expect(result.exitCode).toBe(1);
    expect(found).toEqual(PLANTED);
    expect(result.stdout).toContain('training  training.py (pandas, entity-wise)');
    // Worker threads cannot hold a child process: the header says why the run stays in this thread.
    expect(result.stdout).toContain(
      'threads   this thread: --workers runs in-process sides only, and training runs in its own process',
    );
    expect(result.stdout).toContain('records  read 5,000  compared 5,000  invalid 0  errored 0');
    for (const feature of DIVERGING_FEATURES) {
      expect(result.stdout).toMatch(new RegExp(`✖ ${feature} · (value|null_mismatch)`));
    }
    expect(result.stdout).toMatch(/✓ log_amount\s/);
    expect(result.stdout).toMatch(/✓ prev_txn_at\s/);
  });

  it('both sides in-process: the same divergences, each class with a minimal input and a hint', async () => {
    const { result, found } = await replayExample('lockstep.in-process.config.ts');
    expect(result.exitCode).toBe(1);
    expect(found).toEqual(PLANTED);
    const rounding = result.stdout.slice(result.stdout.indexOf('✖ amount_rounded · value'));
    expect(rounding).toMatch(/minimal +\{[^\n]*"amount":0\.5[^\n]*\} {2}← matters: amount/);
    expect(rounding).toContain(
      'hint     the input has a value ending in .5: Python round() and numpy round half to even',
    );
    const length = result.stdout.slice(result.stdout.indexOf('✖ merchant_name_length · value'));
    expect(length).toMatch(/minimal +\{[^\n]*"merchant_name":"𝔊"/);
    expect(result.stdout).toContain("one side's window includes that boundary and the other's does not");
    expect(result.stdout).toContain('a default (fillna(0), ?? 0) applied on one side only?');
    expect(result.stdout).toMatch(/the event falls on 2026-03-0\d in [A-Za-z/_]+ but on 2026-03-0\d in UTC/);
  });

  it('worker threads (--workers 2, small partitions) find the same divergences and the same counts', async () => {
    const { result, found } = await replayExample(
      'lockstep.in-process.config.ts',
      '--workers',
      '2',
      '--minimize-steps',
      '0',
    );
    expect(result.exitCode).toBe(1);
    expect(found).toEqual(PLANTED);
    expect(result.stdout).toContain('threads   2 worker threads');
    expect(result.stdout).toContain('records  read 5,000  compared 5,000  invalid 0  errored 0');
  });

  it('training against what production logged (--serving logged): the same divergences', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lockstep-logged-'));
    const file = join(out, 'd.jsonl');
    const result = await runCli([
      'replay',
      '--config',
      join(EXAMPLE, 'lockstep.in-process.config.ts'),
      '--serving',
      'logged',
      '--divergences',
      file,
    ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('serving   logged (features served in production)');
    expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(PLANTED.length);
  });
});
