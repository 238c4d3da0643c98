import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classSignature } from '../../src/gate/class-signature.ts';
import { runCli } from './run-cli.ts';

// Accepted differences through the real CLI: listed classes within budget pass, anything else fails.
const CONFIG = new URL('../fixtures/gate/lockstep.config.ts', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'lockstep-accepted-'));
const record = (i: number, amount: number, name: string) =>
  JSON.stringify({ timestamp: '2026-01-01T00:00:00Z', input: { user_id: `u${i}`, amount, name } });
// 10 records: 3 with an amount over 100 (doubled: serving higher), 2 with an astral name (name_length: serving higher).
const LOG = join(root, 'log.jsonl');
writeFileSync(
  LOG,
  `${[10, 20, 30, 40, 50, 60, 70, 150, 200, 300]
    .map((amount, i) => record(i, amount, i === 1 || i === 2 ? 'Zoë 😀' : 'Ada'))
    .join('\n')}\n`,
);

const DOUBLED = { feature: 'doubled', kind: 'value', cause: 'serving higher' };
const NAME = { feature: 'name_length', kind: 'value', cause: 'serving higher' };
const sig = (contract: string, c: typeof DOUBLED) => classSignature({ contract, ...c });

let dirs = 0;
/** A fresh snapshots folder holding `accepted` as <contract>/accepted.json (nothing when undefined). */
function snapshots(contract: string, accepted?: unknown): string {
  const dir = join(root, `snapshots-${dirs++}`);
  mkdirSync(join(dir, contract), { recursive: true });
  if (accepted !== undefined) {
    const text = typeof accepted === 'string' ? accepted : JSON.stringify(accepted);
    writeFileSync(join(dir, contract, 'accepted.json'), text);
  }
  return dir;
}
const file = (contract: string, accepted: unknown[]) => ({ signatureVersion: 1, contract, accepted });
const entry = (contract: string, c: typeof DOUBLED, budget: object, reason = 'known, fix planned') => ({
  signature: sig(contract, c),
  ...c,
  ...budget,
  reason,
});

const replay = (contract: string, dir: string, ...flags: string[]) =>
  runCli(['replay', '--config', CONFIG, '--contract', contract, '--log', LOG, '--snapshot-dir', dir, ...flags]);

describe('accepted differences', () => {
  it('without an accepted file, both classes fail (the control for every case below)', async () => {
    const result = await replay('scores', snapshots('scores'));
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('✖ scores: doubled · value · serving higher — 3 records, not accepted');
    expect(result.stdout).toContain('✖ scores: name_length · value · serving higher — 2 records, not accepted');
  });

  it('accepted classes within budget are reported and pass', async () => {
    const dir = snapshots(
      'scores',
      file('scores', [
        { ...entry('scores', DOUBLED, { maxRecords: 3 }), link: 'https://example.test/issues/1' },
        entry('scores', NAME, { maxRate: 0.2 }),
      ]),
    );
    const result = await replay('scores', dir);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ PASS {2}scores@1/m);
    expect(result.stdout).toContain(
      `accepted known, fix planned (https://example.test/issues/1)  ${sig('scores', DOUBLED)}`,
    );
    expect(result.stdout).toMatch(/^ PASS {2}1 contract, 2 accepted classes within budget$/m);
  });

  it('a class not listed fails, even when another is accepted', async () => {
    const dir = snapshots('scores', file('scores', [entry('scores', DOUBLED, { maxRecords: 10 })]));
    const result = await replay('scores', dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^ FAIL {2}1 contract: scores: name_length · value · serving higher — 2 records, not accepted$/m,
    );
    expect(result.stdout).not.toContain('doubled · value · serving higher — 3 records, not accepted');
  });

  it.each([
    [{ maxRecords: 2 }, 'over its accepted maxRecords 2'],
    [{ maxRate: 0.25 }, 'over its accepted maxRate 25.00%'],
  ])('an accepted class over its budget %j fails', async (budget, message) => {
    const dir = snapshots(
      'scores',
      file('scores', [entry('scores', DOUBLED, budget), entry('scores', NAME, { maxRecords: 2 })]),
    );
    const result = await replay('scores', dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain(`✖ scores: doubled · value · serving higher — 3 records (30.00%), ${message}`);
  });

  it("a feature's maxMismatchRate caps it, accepted classes included", async () => {
    const dir = snapshots(
      'capped',
      file('capped', [entry('capped', DOUBLED, { maxRecords: 3 }), entry('capped', NAME, { maxRecords: 2 })]),
    );
    const result = await replay('capped', dir);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toMatch(
      /^ FAIL {2}1 contract: capped: doubled diverged on 30\.00% of compared records \(3 of 10\), over its maxMismatchRate 20\.00% in the contract$/m,
    );
    expect(result.stdout).not.toContain('not accepted');
  });

  it.each([
    ['not JSON', '{"signatureVersion": 1,', /accepted file .*scores\/accepted\.json: not JSON/],
    [
      'an unknown signature version',
      JSON.stringify({ ...file('scores', []), signatureVersion: 2 }),
      /accepted file .*: signatureVersion 2: not a version this Lockstep knows \(1\); a file from another version needs migrating \(docs\/accepted\.md\)/,
    ],
    [
      'a rate above 1',
      file('scores', [entry('scores', DOUBLED, { maxRate: 3 })]),
      /accepted file .*scores\/accepted\.json: accepted\[0\]\.maxRate: must be a rate in \[0, 1\]/,
    ],
    [
      'an entry without a budget',
      file('scores', [entry('scores', NAME, {}), entry('scores', DOUBLED, {})]),
      /accepted\[0\]: needs a budget: maxRecords or maxRate/,
    ],
    [
      'an entry without a reason',
      file('scores', [entry('scores', DOUBLED, { maxRecords: 1 }, ' ')]),
      /accepted\[0\]\.reason: must say why/,
    ],
    ['the file of another contract', file('capped', []), /contract: "capped", but the file is for contract "scores"/],
  ])('a malformed accepted file (%s) is a configuration error, exit 2', async (_, content, message) => {
    const result = await replay('scores', snapshots('scores', content));
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});

describe('lockstep replay --accept', () => {
  it('writes the classes seen for review: existing reasons and links kept, new ones with a placeholder and the budget seen', async () => {
    const kept = { ...entry('scores', DOUBLED, { maxRecords: 1 }), link: 'https://example.test/issues/1' };
    const dir = snapshots('scores', file('scores', [kept]));
    const result = await runCli(
      ['replay', '--config', CONFIG, '--contract', 'scores', '--log', LOG, '--snapshot-dir', dir, '--accept'],
      { env: { CI: '' } },
    );
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('1 new, 1 budget raised, 0 listed but not seen');
    const written = JSON.parse(readFileSync(join(dir, 'scores', 'accepted.json'), 'utf8'));
    expect(written).toEqual(
      file('scores', [
        { ...kept, maxRecords: 3 },
        { signature: sig('scores', NAME), ...NAME, maxRecords: 2, reason: 'TODO: why is this accepted?' },
      ]),
    );
    // The file it wrote makes the same replay pass without --accept.
    expect((await replay('scores', dir)).exitCode).toBe(0);
  });

  it('refuses to write when CI is set: exit 2, nothing written', async () => {
    const dir = snapshots('scores');
    const result = await runCli(
      ['replay', '--config', CONFIG, '--contract', 'scores', '--log', LOG, '--snapshot-dir', dir, '--accept'],
      { env: { CI: 'true' } },
    );
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/--accept writes accepted\.json for review and never runs on CI \(CI is set\)/);
    expect(existsSync(join(dir, 'scores', 'accepted.json'))).toBe(false);
  });
});

describe('lockstep fuzz reads the same accepted file', () => {
  const fuzz = (dir: string) =>
    runCli(['fuzz', '--config', CONFIG, '--contract', 'scores', '--runs', '300', '--seed', '7', '--snapshot-dir', dir]);

  it('a class found by fuzz and listed passes; without the file it fails', async () => {
    const unlisted = await fuzz(snapshots('scores'));
    expect(unlisted.exitCode).toBe(1);
    expect(unlisted.stdout).toMatch(/^ FAIL {2}1 contract: scores: .* found by fuzz, not accepted/m);
    const listed = snapshots(
      'scores',
      file('scores', [entry('scores', DOUBLED, { maxRecords: 1 }), entry('scores', NAME, { maxRecords: 1 })]),
    );
    const result = await fuzz(listed);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^ PASS {2}1 contract, [12] accepted class(es)? within budget$/m);
  });
});
