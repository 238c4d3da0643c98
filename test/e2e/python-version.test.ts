import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

// The Python helper's version follows the npm package's through the `version` lifecycle script; that they are equal
// now is checked by python/tests/test_install.py.
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const VERSION_FILE = 'python/lockstep_side/_version.py';
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('npm version', () => {
  it("writes the new version into the Python helper and stages it for npm's version commit", async () => {
    // Arrange: a git repository with this package's version script, the sync script and the version file
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-version-'));
    dirs.push(dir);
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: 'lockstep', version: '0.1.0', scripts: { version: pkg.scripts.version } }, null, 2),
    );
    for (const file of ['scripts/sync-python-version.mjs', VERSION_FILE]) {
      mkdirSync(join(dir, file, '..'), { recursive: true });
      copyFileSync(join(REPO, file), join(dir, file));
    }
    const git = (...args: string[]) =>
      execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir });
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-q', '-m', 'init');

    // Act
    await execa('npm', ['version', '7.8.9', '--no-git-tag-version'], { cwd: dir });

    // Assert
    expect(readFileSync(join(dir, VERSION_FILE), 'utf8')).toContain('__version__ = "7.8.9"\n');
    expect((await git('diff', '--cached', '--name-only')).stdout).toBe(VERSION_FILE);
  });
});
