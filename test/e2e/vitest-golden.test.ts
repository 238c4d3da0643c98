import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { developerEnv, REPO, VITEST, vitestProjects } from './_vitest-child.ts';

// golden() inside a real vitest run: a child `vitest run` on a temporary project whose one test checks two golden
// cases of the tiny contract (serving: the reference, or the buggy side with SIDE=buggy; CASES=one drops "big").
const FIXTURE = `import { it } from 'vitest';
import { golden } from ${JSON.stringify(join(REPO, 'src/vitest/index.ts'))};
import { buggySide, referenceSide, tiny } from ${JSON.stringify(join(REPO, 'test/unit/fuzz/_tiny.ts'))};

const CASES = [
  { name: 'small', input: { id: 'a', x: 3, s: 'ab' } },
  { name: 'big', input: { id: 'b', x: 20, s: 'xyz' } },
];

it('tiny golden', async (context) => {
  await golden(tiny, {
    training: referenceSide,
    serving: process.env.SIDE === 'buggy' ? buggySide : referenceSide,
    cases: process.env.CASES === 'one' ? CASES.slice(0, 1) : CASES,
    prune: process.env.PRUNE === '1',
    acceptWithoutBump: process.env.ACCEPT === '1',
    context,
  });
}, 300_000);
`;

const projects = vitestProjects('lockstep-vitest-golden-');
afterAll(() => projects.remove());
const project = (): string => projects.make('tiny.golden.test.ts', FIXTURE);

/** Runs the project's test (verbose: vitest prints a passing test's annotations only then); exit code and output. */
async function vitest(root: string, args: string[], extra: Record<string, string> = {}) {
  const run = await execa(process.execPath, [VITEST, 'run', '--root', root, '--reporter=verbose', ...args], {
    cwd: root,
    env: developerEnv(extra),
    extendEnv: false,
    reject: false,
    all: true,
  });
  return { code: run.exitCode, out: run.all ?? '' };
}

const fileOf = (root: string): string => join(root, 'snapshots', 'tiny', 'golden.jsonl');
const casesIn = (root: string): string[] =>
  readFileSync(fileOf(root), 'utf8')
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((line) => JSON.parse(line).name);

describe('golden() in a vitest run', () => {
  it('records, then passes; fails naming case, feature and old → new when a side changed; -u rewrites by the version rule', async () => {
    // Arrange
    const root = project();

    // Act + Assert: the first run records the file under <root>/snapshots (update mode new), the second passes
    const first = await vitest(root, []);
    expect(first.code, first.out).toBe(0);
    const recorded = readFileSync(fileOf(root), 'utf8');
    expect(casesIn(root)).toEqual(['big', 'small']);
    const second = await vitest(root, []);
    expect(second.code, second.out).toBe(0);
    expect(readFileSync(fileOf(root), 'utf8')).toBe(recorded);

    // the serving side changed: the test fails naming the case, the feature, the side and old → new; nothing written
    const changed = await vitest(root, [], { SIDE: 'buggy' });
    expect(changed.code, changed.out).toBe(1);
    expect(changed.out).toContain('GoldenError: golden tiny: 1 change in 1 case');
    expect(changed.out).toContain('✖ big · double: serving changed');
    expect(changed.out).toContain('serving:  40 → 41');
    expect(readFileSync(fileOf(root), 'utf8')).toBe(recorded);

    // -u under the same contract version: the version rule keeps the stored values and the test fails
    const refused = await vitest(root, ['-u'], { SIDE: 'buggy' });
    expect(refused.code, refused.out).toBe(1);
    expect(refused.out).toContain('acceptWithoutBump: true');
    expect(readFileSync(fileOf(root), 'utf8')).toBe(recorded);

    // -u with acceptWithoutBump: the file is rewritten, and the next run passes with the new values
    const updated = await vitest(root, ['-u'], { SIDE: 'buggy', ACCEPT: '1' });
    expect(updated.code, updated.out).toBe(0);
    const rewritten = readFileSync(fileOf(root), 'utf8');
    expect(rewritten).toContain('"double":41');
    expect((await vitest(root, [], { SIDE: 'buggy' })).code).toBe(0);
  });

  it('on CI writes nothing, and a missing golden file fails', async () => {
    const root = project();

    const run = await vitest(root, [], { CI: '1' });

    expect(run.code, run.out).toBe(1);
    expect(run.out).toContain('no golden file');
    expect(run.out).toContain('Nothing is written on CI');
    expect(existsSync(join(root, 'snapshots'))).toBe(false);
  });

  it('reports an obsolete case as a test annotation, fails it on CI, and removes it only with prune', async () => {
    // Arrange: both cases recorded, then "big" leaves the test
    const root = project();
    expect((await vitest(root, [])).code).toBe(0);

    // Act + Assert: locally the test passes, annotated; the case stays
    const local = await vitest(root, [], { CASES: 'one' });
    expect(local.code, local.out).toBe(0);
    expect(local.out).toMatch(/warning[\s\S]*obsolete golden case "big" in .*golden\.jsonl/);
    expect(casesIn(root)).toEqual(['big', 'small']);

    // on CI (update mode none) the obsolete case fails the test
    const ci = await vitest(root, [], { CASES: 'one', CI: '1' });
    expect(ci.code, ci.out).toBe(1);
    expect(ci.out).toContain('obsolete: big');
    expect(casesIn(root)).toEqual(['big', 'small']);

    // prune: true removes it
    const pruned = await vitest(root, [], { CASES: 'one', PRUNE: '1' });
    expect(pruned.code, pruned.out).toBe(0);
    expect(casesIn(root)).toEqual(['small']);
  });
});
