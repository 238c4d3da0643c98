import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { create } from 'xmlbuilder2';
import { parseLosslessJson } from '../../../src/codec/lossless-json.ts';
import { defineConfig } from '../../../src/config/define-config.ts';
import type { LoadedConfig } from '../../../src/config/load-config.ts';
import { GithubReporter } from '../../../src/report/github-reporter.ts';
import { JsonReporter } from '../../../src/report/json-reporter.ts';
import { JunitReporter } from '../../../src/report/junit-reporter.ts';
import { MarkdownReporter } from '../../../src/report/markdown-reporter.ts';
import type { Reporter, RunSummary } from '../../../src/report/reporter.ts';
import { runGoldenGate } from '../../../src/runner/run-golden-gate.ts';
import type { UpdateMode } from '../../../src/snapshot/corpus-entry.ts';
import { goldenCases, goldenDemo, goldenSides, type Variant } from '../../fixtures/golden/sides.ts';
import { captured, junitSchemaErrors } from './_real-runs.ts';

const FIXTURE = fileURLToPath(new URL('../../fixtures/golden/', import.meta.url));

/** A config over the golden fixture's in-process sides of one variant, with the given cases. */
function config(variant: Variant, cases: readonly { name: string; input: unknown }[]): LoadedConfig {
  return {
    config: defineConfig({ contracts: [{ contract: goldenDemo, ...goldenSides(variant), golden: cases }] }),
    path: join(FIXTURE, 'lockstep.config.ts'),
    root: FIXTURE,
  };
}

async function golden(
  snapshotDir: string,
  variant: Variant,
  update: UpdateMode,
  reporters: readonly Reporter[],
  cases: readonly { name: string; input: unknown }[] = goldenCases,
): Promise<RunSummary> {
  return await runGoldenGate({
    config: config(variant, cases),
    cwd: FIXTURE,
    snapshotDir,
    update,
    reporters,
    invocation: { commandLine: ['lockstep', 'golden', '--ci'] },
  });
}

/**
 * A real golden check on the fixture: recorded with log1p on both sides, then checked on CI after both sides switched
 * to log (the change parity cannot see), with one case the file does not have.
 */
async function changedRun(reporters: readonly Reporter[]): Promise<RunSummary> {
  const snapshots = mkdtempSync(join(tmpdir(), 'lockstep-golden-report-'));
  const recorded = await golden(snapshots, 'log1p', 'new', []);
  expect(recorded.verdict.status).toBe('pass');
  const extra = { name: 'unrecorded', input: { id: 'e', x: 2, account: 4, label: 'new' } };
  return await golden(snapshots, 'log-both', 'none', reporters, [...goldenCases, extra]);
}

interface Testcase {
  name: string;
  classname: string;
  failure?: { type: string; message: string; body: string };
}

function testcases(xml: string): Testcase[] {
  const doc = create(xml).root();
  return doc
    .filter((n) => n.node.nodeName === 'testcase', true, true)
    .map((n) => {
      const el = n.node as unknown as {
        getAttribute(name: string): string | null;
        getElementsByTagName(name: string): {
          readonly [i: number]: { getAttribute(n: string): string | null; textContent: string | null } | undefined;
        };
      };
      const failure = el.getElementsByTagName('failure')[0];
      return {
        name: el.getAttribute('name') ?? '',
        classname: el.getAttribute('classname') ?? '',
        ...(failure === undefined
          ? {}
          : {
              failure: {
                type: failure.getAttribute('type') ?? '',
                message: failure.getAttribute('message') ?? '',
                body: failure.textContent ?? '',
              },
            }),
      };
    });
}

describe('golden through the CI reporters', () => {
  it('JUnit: a failing test case per case × feature that changed, old → new per side and the input; a missing case fails; valid XML', async () => {
    const out = captured();
    const summary = await changedRun([new JunitReporter(out)]);
    expect(summary.verdict.exitCode).toBe(1);
    expect(summary.golden?.[0]?.changes.length).toBeGreaterThan(0);

    expect(await junitSchemaErrors(out.text)).toBe('');
    expect(out.text).toContain('name="golden_demo@1.0.0 (golden)"');
    const cases = testcases(out.text);
    const astral = cases.find((c) => c.name.startsWith('class log_x · golden case astral'));
    expect(astral?.failure?.message).toContain('BOTH SIDES CHANGED THE SAME WAY');
    expect(astral?.failure?.body).toContain(`training: ${Math.log1p(1.5)} → ${Math.log(1.5)}`);
    expect(astral?.failure?.body).toContain(`serving: ${Math.log1p(1.5)} → ${Math.log(1.5)}`);
    expect(astral?.failure?.body).toContain('input: {"id":"d","x":1.5,"account":3,"label":"𝔘𝔫𝔦😀"}');
    expect(cases.find((c) => c.name === 'feature log_x')?.failure).toBeDefined();
    expect(cases.find((c) => c.name === 'feature label')?.failure).toBeUndefined();
    const missing = cases.find((c) => c.name === 'gate golden_missing');
    expect(missing?.failure?.message).toContain('case "unrecorded" is not in');
  });

  it('Markdown: the changed count, each change with old → new per side, the loud class first', async () => {
    const out = captured();
    await changedRun([new MarkdownReporter(out)]);
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('## Lockstep golden: ✖ FAIL');
    expect(lines).toContain('| contract | cases | matched | changed | invalid | verdict |');
    expect(
      lines.some((l) =>
        /^\| `golden_demo@1\.0\.0` \| 4 \| 1 \| 3 \| — \| ✖ golden_missing, golden_changed ×3 \|$/.test(l),
      ),
    ).toBe(true);
    expect(lines).toContain('### golden_demo@1.0.0: 3 golden changes');
    const astral = lines.find((l) => l.includes('golden case astral'));
    expect(astral).toContain(`\`${Math.log1p(1.5)} → ${Math.log(1.5)}\``);
    expect(astral).toContain('BOTH SIDES CHANGED THE SAME WAY');
    expect(lines.some((l) => l.startsWith('- golden_demo: case "unrecorded" is not in'))).toBe(true);
  });

  it('GitHub: an error annotation per change at the feature, one for the missing case, and the verdict notice', async () => {
    const out = captured();
    await changedRun([new GithubReporter(out)]);
    const lines = out.text.trim().split('\n');
    const errors = lines.filter((l) => l.startsWith('::error '));
    expect(errors.filter((l) => l.includes('golden case')).length).toBe(3);
    const astral = errors.find((l) => l.includes('golden case astral'));
    expect(astral).toContain(
      'title=Lockstep golden%3A golden_demo · log_x · golden case astral · BOTH SIDES CHANGED THE SAME WAY',
    );
    expect(astral).toContain(`%0Atraining: ${Math.log1p(1.5)} → ${Math.log(1.5)}%0A`);
    expect(errors.some((l) => l.includes('golden_missing') && l.includes('case "unrecorded"'))).toBe(true);
    expect(lines.some((l) => l.startsWith('::notice title=Lockstep golden%3A FAIL (exit 1)::'))).toBe(true);
  });

  it('JSON: the report carries the golden results', async () => {
    const out = captured();
    await changedRun([new JsonReporter(out)]);
    // The JSON report writes NaN and ±Infinity as the bare tokens Python's json.loads reads (log(-0) is -Infinity).
    const doc = parseLosslessJson(out.text) as {
      status: string;
      run: { command: string };
      golden: { changes: unknown[]; missing: string[] }[];
    };
    expect(doc.status).toBe('fail');
    expect(doc.run.command).toBe('golden');
    expect(doc.golden[0]?.changes.length).toBe(3);
    expect(doc.golden[0]?.missing).toEqual(['unrecorded']);
  });
});
