import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const CONTRACTS = new URL('../../examples/card-fraud/contracts/', import.meta.url).pathname;
const CONTRACT = join(CONTRACTS, 'card_fraud.contract.json');
const TYPES = join(CONTRACTS, 'card-fraud.types.ts');
const LOG = new URL('../../examples/card-fraud/logs/sample.jsonl', import.meta.url).pathname;

/** A project whose config names a JSON contract, a three-line log and a types file (fresh, from the example). */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-types-'));
  copyFileSync(CONTRACT, join(dir, 'card.contract.json'));
  copyFileSync(TYPES, join(dir, 'card.types.ts'));
  writeFileSync(join(dir, 'log.jsonl'), `${readFileSync(LOG, 'utf8').split('\n').slice(0, 3).join('\n')}\n`);
  const binding = `{ contract: './card.contract.json', training: 'logged', serving: 'logged', logs: ['log.jsonl'], types: 'card.types.ts' }`;
  writeFileSync(join(dir, 'lockstep.config.mjs'), `export default { contracts: [${binding}] };\n`);
  return dir;
}

/** The project's contract with its version bumped: its types file is stale now. */
function bumpVersion(dir: string): void {
  const file = join(dir, 'card.contract.json');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), version: '1.1.0' }));
}

describe('lockstep types', () => {
  it('--help lists --contract, --out and --check', async () => {
    const result = await runCli(['types', '--help']);
    expect(result.exitCode).toBe(0);
    for (const flag of ['--contract <file>', '--out <file.ts>', '--check']) expect(result.stdout).toContain(flag);
  });

  it('writes the committed example types file byte for byte, and --check finds it fresh', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-types-out-'));
    const out = join(dir, 'card.types.ts');
    const write = await runCli(['types', '--contract', CONTRACT, '--out', out]);
    expect(write.exitCode, write.all).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(TYPES, 'utf8'));
    const check = await runCli(['types', '--contract', CONTRACT, '--out', out, '--check']);
    expect(check.exitCode, check.all).toBe(0);
    expect(check.stdout).toBe(`${out}: fresh`);
  });

  it('--check exits 1 naming a stale file; lockstep types regenerates the config’s types files', async () => {
    const dir = project();
    bumpVersion(dir);
    const stale = await runCli(['types', '--check'], { cwd: dir });
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain(`${join(dir, 'card.types.ts')}: stale: regenerate it with lockstep types`);
    const regenerate = await runCli(['types'], { cwd: dir });
    expect(regenerate.exitCode, regenerate.all).toBe(0);
    expect(readFileSync(join(dir, 'card.types.ts'), 'utf8')).toContain('card_fraud@1.1.0');
    expect((await runCli(['types', '--check'], { cwd: dir })).exitCode).toBe(0);
  });

  it('exits 2 on a contract file that is not JSON or YAML, naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-types-bad-'));
    writeFileSync(join(dir, 'card.contract.toml'), 'name = "card"');
    const result = await runCli(['types', '--contract', 'card.contract.toml'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`${join(dir, 'card.contract.toml')}: is not a JSON or YAML contract file`);
    expect(result.all).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('lockstep check and a types file', () => {
  it('passes while the types file is fresh and fails, naming it, once the contract changes', async () => {
    const dir = project();
    const fresh = await runCli(['check'], { cwd: dir });
    expect(fresh.exitCode, fresh.all).toBe(0);
    bumpVersion(dir);
    const stale = await runCli(['check'], { cwd: dir });
    expect(stale.exitCode, stale.all).toBe(1);
    expect(stale.all).toContain(
      'types: card.types.ts is stale (the contract changed since it was generated); regenerate it with lockstep types and commit it',
    );
  });
});
