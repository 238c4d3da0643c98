import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

/** A folder holding one config file with this text. */
function project(file: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-config-'));
  writeFileSync(join(dir, file), text);
  return dir;
}

describe('a config that cannot be loaded: exit 2, saying why and what to do', () => {
  it.each([
    [
      'imports a package that is not installed',
      'lockstep.config.ts',
      "import { pad } from 'left-pad-nowhere';\nexport default { contracts: [pad] };\n",
      /imports "left-pad-nowhere", which is not installed .*npm install --save-dev left-pad-nowhere/,
    ],
    [
      'imports a file that does not exist',
      'lockstep.config.mts',
      "import { orders } from './contracts/orders.ts';\nexport default { contracts: [orders] };\n",
      /a file it imports does not exist: check the import paths/,
    ],
    [
      'is not valid TypeScript',
      'lockstep.config.ts',
      'export default { contracts: [ };\n',
      /is not valid TypeScript: fix the syntax error/,
    ],
    [
      'exports no config',
      'lockstep.config.cjs',
      'exports.other = 1;\n',
      /must export its config as `export default defineConfig\(\{\.\.\.\}\)`.*\(it exports: other\)/,
    ],
    [
      'throws while it is evaluated',
      'lockstep.config.js',
      "throw new Error('no database here');\n",
      /no database here\n.*thrown while the config and the modules it imports were evaluated, at \/.*\/lockstep\.config\.js:1:7: fix it there/,
    ],
  ])('a config that %s', async (_what, file, text, message) => {
    const dir = project(file, text);
    const result = await runCli(['replay'], { cwd: dir });
    expect(result.all).toMatch(message);
    expect(result.all).toContain(join(dir, file));
    expect(result.exitCode).toBe(2);
  });

  it('a promise the config rejects and nothing handles: exit 2 naming where, not a crash that reads as a failed gate', async () => {
    const contract = new URL('../../examples/card-fraud/contracts/card_fraud.contract.json', import.meta.url).pathname;
    const dir = project(
      'lockstep.config.mjs',
      `Promise.reject(new Error('the feature store is down'));\n` +
        `export default { contracts: [{ contract: ${JSON.stringify(contract)}, training: 'logged', serving: 'logged' }] };\n`,
    );
    const result = await runCli(['replay', '--no-history'], { cwd: dir });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(
      `a promise was rejected and nothing handled it, at ${join(dir, 'lockstep.config.mjs')}:1:16: the feature store is down`,
    );
    expect(result.stderr).not.toContain('internal error');
  });

  it('no config file: names every file name it looked for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-config-'));
    const result = await runCli(['replay'], { cwd: dir });
    expect(result.all).toContain(
      'looked for lockstep.config.ts, lockstep.config.mts, lockstep.config.cts, lockstep.config.js, lockstep.config.mjs, lockstep.config.cjs); pass --config <file>',
    );
    expect(result.exitCode).toBe(2);
  });

  it('a directory given as the config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-config-'));
    mkdirSync(join(dir, 'lockstep.config.ts'));
    const result = await runCli(['replay', '--config', 'lockstep.config.ts'], { cwd: dir });
    expect(result.all).toContain('is a directory; pass the config file itself');
    expect(result.exitCode).toBe(2);
  });
});
