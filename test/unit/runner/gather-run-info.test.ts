import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { gatherRunInfo, lockstepVersion } from '../../../src/runner/gather-run-info.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CI = join(ROOT, 'test/fixtures/ci/lockstep.config.ts');

async function info(cwd: string) {
  const config = await loadConfig(CI, cwd);
  return await gatherRunInfo('replay', {
    config,
    cwd,
    bindings: config.config.contracts,
    shard: { index: 0, count: 4 },
    invocation: { commandLine: ['lockstep', 'replay', '--shard', '1/4'], clock: () => new Date(Date.UTC(2026, 2, 1)) },
  });
}

describe('gatherRunInfo', () => {
  it("reads Lockstep's version from its own package.json", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(lockstepVersion()).toBe(pkg.version);
  });

  it('records the git commit, the command line, the shard as given (1-based), the times and each contract', async () => {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();

    const run = await info(ROOT);

    expect(run).toMatchObject({
      command: 'replay',
      gitCommit: head,
      commandLine: ['lockstep', 'replay', '--shard', '1/4'],
      config: 'test/fixtures/ci/lockstep.config.ts',
      shard: { index: 1, count: 4 },
      startedAt: '2026-03-01T00:00:00.000Z',
    });
    const source = readFileSync(CI, 'utf8').split('\n');
    const lineOf = (text: string) => source.findIndex((l) => l.includes(text)) + 1;
    expect(run.contracts).toEqual([
      {
        name: 'orders',
        version: '2.0.0',
        features: ['amount_rounded', 'note_length'],
        definedAt: {
          file: 'test/fixtures/ci/lockstep.config.ts',
          line: lineOf('= defineContract({'),
          column: expect.any(Number),
        },
        featureLines: { amount_rounded: lineOf('amount_rounded: {'), note_length: lineOf('note_length: {') },
      },
    ]);
  });

  it("finds a feature's line under features:, not an input field of the same name above it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-feature-lines-'));
    const src = (path: string) => JSON.stringify(join(ROOT, 'src', path));
    const lines = [
      `import { z } from 'zod';`,
      `import { defineConfig } from ${src('config/define-config.ts')};`,
      `import { defineContract } from ${src('contract/define-contract.ts')};`,
      `import { recordSide } from ${src('implementations/in-process.ts')};`,
      `const c = defineContract({`,
      `  name: 'c',`,
      `  version: '1',`,
      `  entity: 'id',`,
      `  input: z.object({`,
      `    id: z.string(),`,
      `    amount: z.number(),`,
      `  }),`,
      `  features: {`,
      `    'amount': { type: 'float' },`,
      `  },`,
      `});`,
      `const side = recordSide(c, (i) => ({ amount: i.amount }));`,
      `export default defineConfig({ contracts: [{ contract: c, training: side, serving: side, logs: [] }] });`,
    ];
    writeFileSync(join(dir, 'lockstep.config.ts'), lines.join('\n'));
    const config = await loadConfig(undefined, dir);

    const run = await gatherRunInfo('replay', { config, cwd: dir, bindings: config.config.contracts });

    expect(run.contracts[0]?.definedAt).toMatchObject({ file: 'lockstep.config.ts', line: 5 });
    expect(run.contracts[0]?.featureLines).toEqual({ amount: 14 });
  });

  it('has no git commit outside a repository, and does not fail there', async () => {
    const run = await info(mkdtempSync(join(tmpdir(), 'lockstep-no-git-')));

    expect(run.gitCommit).toBeUndefined();
    expect(run.contracts[0]?.definedAt.file).toBe(CI);
  });
});
