import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// What the tests of lockstep/vitest inside a real vitest run share: a temporary project holding one test file, and
// the environment its child `vitest run` gets.

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs');

/** Temporary projects (this repository's node_modules linked in) holding one test file; `remove` deletes them all. */
export function vitestProjects(prefix: string) {
  const dirs: string[] = [];
  return {
    make(file: string, text: string): string {
      const dir = mkdtempSync(join(tmpdir(), prefix));
      dirs.push(dir);
      symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
      writeFileSync(join(dir, file), text);
      return dir;
    },
    remove(): void {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The environment of a developer's machine: no CI variable (vitest's rule: `none` on CI), no parent vitest. */
export function developerEnv(extra: Record<string, string>): Record<string, string> {
  const keep = Object.entries(process.env).filter(
    ([k, v]) =>
      v !== undefined && !/^(CI|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|BUILD_NUMBER|RUN_ID)$|^VITEST|^TEST$/.test(k),
  );
  return { ...Object.fromEntries(keep), NO_COLOR: '1', ...extra } as Record<string, string>;
}
