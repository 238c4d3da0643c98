import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { junitSchemaErrors } from '../unit/report/_real-runs.ts';
import { packedTarball } from './_packed.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const CONSUMER = join(ROOT, 'test/fixtures/consumer');
const SLOW = 900_000;

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly env?: Record<string, string>;
}

/** The workflow docs/ci.md gives users: its one ```yaml block. */
function documentedWorkflow(): { jobs: Record<string, { steps: Step[] }> } {
  const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/ci.md has no ```yaml block');
  return parse(block) as { jobs: Record<string, { steps: Step[] }> };
}

/** GitHub's step conditions, the few the documented workflow uses; any other fails the test (keep them in step). */
function shouldRun(condition: string | undefined, failed: boolean, cwd: string): boolean {
  if (condition === undefined) return !failed;
  const expr = condition.replace(/^\$\{\{\s*|\s*\}\}$/g, '').trim();
  if (expr === 'always()' || expr === '!cancelled()') return true;
  if (expr === 'success()') return !failed;
  if (expr === 'failure()') return failed;
  const hash = /^hashFiles\('([^']+)'\) != ''$/.exec(expr);
  if (hash?.[1] !== undefined) {
    try {
      readFileSync(join(cwd, hash[1]));
      return !failed;
    } catch {
      return false;
    }
  }
  throw new Error(`the test does not know the step condition ${JSON.stringify(condition)}`);
}

/**
 * A small user project in a git repository, as a team would have it: the fixture contract (with its planted rounding
 * bug), config and log, a package.json and lock file that install the packed Lockstep tarball and its peers.
 */
async function consumerRepository(): Promise<string> {
  const tarball = await packedTarball();
  const peers = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { peerDependencies: Record<string, string> }
  ).peerDependencies;
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-ci-origin-'));
  await execa('npm', ['init', '-y'], { cwd: dir });
  await execa('npm', ['pkg', 'set', 'type=module'], { cwd: dir });
  for (const file of ['orders.ts', 'orders.log.jsonl']) copyFileSync(join(CONSUMER, file), join(dir, file));
  copyFileSync(join(CONSUMER, 'esm.config.ts'), join(dir, 'lockstep.config.ts'));
  writeFileSync(
    join(dir, 'requirements.txt'),
    '# Python packages of the command sides (none here: both sides are TypeScript)\n',
  );
  writeFileSync(join(dir, '.gitignore'), 'node_modules/\n.venv/\nlockstep-report/\n');
  const packages = [
    tarball,
    ...Object.entries(peers)
      .filter(([n]) => n !== 'vitest')
      .map(([n, r]) => `${n}@${r}`),
  ];
  await execa('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund', '--save-dev', ...packages], {
    cwd: dir,
  });
  await execa('git', ['init', '-q'], { cwd: dir });
  await execa('git', ['add', '-A'], { cwd: dir });
  await execa('git', ['-c', 'user.name=ci', '-c', 'user.email=ci@example.test', 'commit', '-qm', 'orders features'], {
    cwd: dir,
  });
  return dir;
}

describe('the GitHub Actions workflow in docs/ci.md', () => {
  it(
    'runs its run: steps in a fresh clone: the gate fails on the planted bug, reports land, the step summary is appended',
    async () => {
      const origin = await consumerRepository();
      const clone = join(mkdtempSync(join(tmpdir(), 'lockstep-ci-clone-')), 'repo');
      await execa('git', ['clone', '-q', origin, clone]);
      const stepSummary = join(mkdtempSync(join(tmpdir(), 'lockstep-ci-summary-')), 'step-summary.md');
      writeFileSync(stepSummary, '');
      // A runner's environment: CI set, the step summary file, nothing of this test process's npm or vitest.
      const env = {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_STEP_SUMMARY: stepSummary,
        NO_COLOR: '1',
      };

      const steps = Object.values(documentedWorkflow().jobs)[0]?.steps ?? [];
      const ran: { name: string; exitCode: number | undefined; output: string }[] = [];
      let failed = false;
      for (const step of steps) {
        if (step.run === undefined || !shouldRun(step.if, failed, clone)) continue;
        const result = await execa('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
          cwd: clone,
          env: { ...env, ...step.env },
          extendEnv: false,
          reject: false,
          all: true,
        });
        ran.push({ name: step.name ?? step.run, exitCode: result.exitCode, output: result.all ?? '' });
        failed ||= result.exitCode !== 0;
      }

      const codes = Object.fromEntries(ran.map((r) => [r.name, r.exitCode]));
      expect(codes, ran.map((r) => `${r.name}: ${r.exitCode}\n${r.output.slice(-2000)}`).join('\n\n')).toEqual({
        Install: 0,
        'Python environment for command sides': 0,
        'Replay the sampled production log': 1,
        'Fuzz every contract': 1,
      });
      const replay = ran.find((r) => r.name.startsWith('Replay'))?.output ?? '';
      const source = readFileSync(join(clone, 'orders.ts'), 'utf8').split('\n');
      const line = source.findIndex((l) => l.includes('amount_rounded:')) + 1;
      expect(replay).toContain(
        `::error file=orders.ts,line=${line},title=Lockstep replay%3A orders · amount_rounded · value`,
      );
      expect(replay).toMatch(
        /^::notice file=orders\.log\.jsonl,line=\d+,title=Lockstep replay%3A orders · amount_rounded/m,
      );
      const summary = readFileSync(stepSummary, 'utf8');
      expect(summary).toMatch(/^## Lockstep replay: ✖ FAIL$/m);
      expect(summary).toMatch(/^## Lockstep fuzz: ✖ FAIL$/m);
      expect(summary.indexOf('## Lockstep replay')).toBeLessThan(summary.indexOf('## Lockstep fuzz'));
      for (const stage of ['replay', 'fuzz']) {
        const junit = readFileSync(join(clone, 'lockstep-report', stage, 'junit.xml'), 'utf8');
        expect(await junitSchemaErrors(junit)).toBe('');
        expect(junit).toContain(`<testsuite name="orders@1.0.0 (${stage})"`);
        expect(readFileSync(join(clone, 'lockstep-report', stage, 'summary.md'), 'utf8')).toContain(
          `## Lockstep ${stage}: ✖ FAIL`,
        );
      }
    },
    SLOW,
  );
});
