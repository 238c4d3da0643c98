import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { developerEnv, REPO, VITEST, vitestProjects } from './_vitest-child.ts';

// lockstep/vitest inside a real vitest run: a child `vitest run` on a temporary project whose one test fuzzes the tiny
// contract of the unit tests (the buggy serving side, or the reference with SIDE=fixed).
const FIXTURE = `import { it } from 'vitest';
import { checkParity } from ${JSON.stringify(join(REPO, 'src/vitest/index.ts'))};
import { buggySide, referenceSide, tiny } from ${JSON.stringify(join(REPO, 'test/unit/fuzz/_tiny.ts'))};

it('tiny parity', async () => {
  const serving = process.env.SIDE === 'fixed' ? referenceSide : buggySide;
  await checkParity(tiny, { training: referenceSide, serving, runs: 30, seed: 7 });
}, 300_000);
`;

const projects = vitestProjects('lockstep-vitest-');
afterAll(() => projects.remove());
const project = (): string => projects.make('tiny.parity.test.ts', FIXTURE);

async function vitest(root: string, args: string[], extra: Record<string, string> = {}, cwd = root): Promise<void> {
  const run = await execa(process.execPath, [VITEST, 'run', '--root', root, ...args], {
    cwd,
    env: developerEnv(extra),
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
