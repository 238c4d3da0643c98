import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';

// lockstep/vitest inside a real vitest run: a child `vitest run` on a temporary project whose one test fuzzes the tiny
// contract of the unit tests (the buggy serving side, or the reference with SIDE=fixed).
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const VITEST = join(REPO, 'node_modules', 'vitest', 'vitest.mjs');
const FIXTURE = `import { it } from 'vitest';
import { checkParity } from ${JSON.stringify(join(REPO, 'src/vitest/index.ts'))};
import { buggySide, referenceSide, tiny } from ${JSON.stringify(join(REPO, 'test/unit/fuzz/_tiny.ts'))};

it('tiny parity', async () => {
  const serving = process.env.SIDE === 'fixed' ? referenceSide : buggySide;
  await checkParity(tiny, { training: referenceSide, serving, runs: 30, seed: 7 });
}, 300_000);
`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-vitest-'));
  dirs.push(dir);
  symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(join(dir, 'tiny.parity.test.ts'), FIXTURE);
  return dir;
}

/** The environment of a developer's machine: no CI variable (vitest's rule: `none` on CI), no parent vitest. */
function env(extra: Record<string, string>): Record<string, string> {
  const keep = Object.entries(process.env).filter(
    ([k, v]) =>
      v !== undefined && !/^(CI|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|BUILD_NUMBER|RUN_ID)$|^VITEST|^TEST$/.test(k),
  );
  return { ...Object.fromEntries(keep), NO_COLOR: '1', ...extra } as Record<string, string>;
}

async function vitest(root: string, args: string[], extra: Record<string, string> = {}, cwd = root): Promise<void> {
  const run = await execa(process.execPath, [VITEST, 'run', '--root', root, ...args], {
    cwd,
    env: env(extra),
    extendEnv: false,
    reject: false,
    all: true,
  });
  expect(run.exitCode, run.all).toBe(0);
}

const corpusOf = (root: string): string[] => {
  const dir = join(root, 'snapshots', 'tiny', 'fuzz-corpus');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
};

describe('lockstep/vitest in a vitest run', () => {
  it('saves findings under <vitest root>/snapshots by default; keeps them until -u, which removes fixed and stale', async () => {
    // Arrange: run from another folder, so the root (not the working directory) must decide where snapshots go.
    const root = project();
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere);

    // Act + Assert: a buggy serving side writes both classes
    await vitest(root, [], {}, elsewhere);
    const written = corpusOf(root);
    expect(written).toEqual([
      expect.stringMatching(/^double\.value\.\w+\.json$/),
      expect.stringMatching(/^length\.null_mismatch\.\w+\.json$/),
    ]);
    expect(existsSync(join(elsewhere, 'snapshots'))).toBe(false);

    // fixed, without -u (update mode new): the cases are kept
    await vitest(root, [], { SIDE: 'fixed' });
    expect(corpusOf(root)).toEqual(written);

    // a stale case (an input the contract no longer accepts) and the fixed ones go with -u (update mode all)
    const dir = join(root, 'snapshots', 'tiny', 'fuzz-corpus');
    const stale = JSON.parse(readFileSync(join(dir, written[0] as string), 'utf8'));
    writeFileSync(
      join(dir, 'double.value.0000000000.json'),
      JSON.stringify({ ...stale, input: { id: 'a', x: 5000, s: '' } }),
    );
    await vitest(root, ['-u'], { SIDE: 'fixed' });
    expect(corpusOf(root)).toEqual([]);
  });

  it('writes nothing on CI', async () => {
    const root = project();

    await vitest(root, [], { CI: '1' });

    expect(existsSync(join(root, 'snapshots'))).toBe(false);
  });
});
