import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

// The comparator's feature loop, the input validator's field checks and the distribution's pair reader are code
// generated once per contract (`new Function`). Where code generation is disallowed (a CSP, or Node's
// --disallow-code-generation-from-strings), each falls back to a loop: the report must be the same, to the record.

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-no-codegen-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Report {
  reports: {
    counts: unknown;
    features: { feature: string; diverged: number; distribution?: unknown }[];
    classes: { examples?: unknown }[];
    invalid?: unknown;
  }[];
}

async function replay(out: string, nodeOptions: string): Promise<Report> {
  const result = await runCli(
    [
      'replay',
      '--config',
      'examples/card-fraud/lockstep.in-process.config.ts',
      '--log',
      'examples/card-fraud/logs/sample.jsonl',
      '--no-history',
      '--minimize-steps',
      '0',
      '--reporter',
      'json',
      '--output-dir',
      out,
    ],
    { env: { NODE_OPTIONS: nodeOptions } },
  );
  // The example plants skews: the replay fails (1), it does not crash (3) or refuse its input (2).
  expect(result.exitCode, result.all).toBe(1);
  return JSON.parse(readFileSync(join(out, 'lockstep-report.json'), 'utf8')) as Report;
}

/** What the run found, without its timings. */
function findings(report: Report): unknown {
  return report.reports.map((r) => ({
    counts: r.counts,
    features: r.features.map((f) => ({ feature: f.feature, diverged: f.diverged, distribution: f.distribution })),
    classes: r.classes.map((c) => c.examples),
    invalid: r.invalid,
  }));
}

describe('with code generation disallowed', () => {
  it('replays to the same report as with generated code', async () => {
    // Arrange / Act
    const generated = await replay(join(dir, 'generated'), '');
    const loops = await replay(join(dir, 'loops'), '--disallow-code-generation-from-strings');

    // Assert
    expect(generated.reports[0]?.features.some((f) => f.diverged > 0)).toBe(true);
    expect(findings(loops)).toEqual(findings(generated));
  });
});
