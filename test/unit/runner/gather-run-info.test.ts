import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
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

  it('has no git commit outside a repository, and does not fail there', async () => {
    const run = await info(mkdtempSync(join(tmpdir(), 'lockstep-no-git-')));

    expect(run.gitCommit).toBeUndefined();
    expect(run.contracts[0]?.definedAt.file).toBe(CI);
  });
});
