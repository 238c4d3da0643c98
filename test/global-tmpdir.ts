import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest's global setup (the function it returns is the teardown): every test file, and every process a test starts
 * (CLI runs, Python sides, npm), makes its temporary files under one directory of this run, removed when the run ends.
 * Tests make hundreds of temporary directories (a history file per CLI run, fixture logs, packed packages); not all of
 * them remove their own.
 */
export function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-tests-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    rmSync(root, { recursive: true, force: true });
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
  };
}
