import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { loadConfig } from '../../../src/config/load-config.ts';
import { formatAcceptedFile } from '../../../src/gate/accepted-file.ts';
import { SIGNATURE_VERSION } from '../../../src/gate/class-signature.ts';
import type { ClassDecision } from '../../../src/gate/verdict.ts';
import type { Reporter, ReporterOutput, RunSummary } from '../../../src/report/reporter.ts';
import { runFuzzGate } from '../../../src/runner/run-fuzz-gate.ts';
import { runReplay } from '../../../src/runner/run-replay.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Config files of real fixtures: a small contract with two planted serving bugs, the hostile-log contract, the example. */
export const CONFIGS = {
  ci: join(ROOT, 'test/fixtures/ci/lockstep.config.ts'),
  hostile: join(ROOT, 'test/fixtures/hostile/lockstep.config.ts'),
  cardFraud: join(ROOT, 'examples/card-fraud/lockstep.in-process.config.ts'),
  cardFraudFuzz: join(ROOT, 'test/fixtures/fuzz/card-fraud.in-process.config.ts'),
} as const;

/** The folder of a fixture config: replays run there, so reports name files relative to it. */
export function dirOf(config: string): string {
  return join(config, '..');
}

/** A reporter output that keeps what it was given. */
export function captured(): ReporterOutput & { text: string } {
  const out = {
    text: '',
    write(t: string) {
      out.text += t;
    },
  };
  return out;
}

/** A real replay of a fixture config (optionally on other logs), told to the given reporters. */
export async function replayFixture(
  config: string,
  reporters: readonly Reporter[],
  options: { logs?: readonly string[]; cwd?: string; snapshotDir?: string } = {},
): Promise<RunSummary> {
  const cwd = options.cwd ?? dirOf(config);
  return await runReplay({
    config: await loadConfig(config, cwd),
    cwd,
    reporters,
    // Accepted files are read from snapshots/ beside the fixture unless a test gives its own folder.
    snapshotDir: options.snapshotDir ?? mkdtempSync(join(tmpdir(), 'lockstep-no-accepted-')),
    ...(options.logs === undefined ? {} : { logs: options.logs }),
    invocation: { commandLine: ['lockstep', 'replay', '--config', config] },
  });
}

/**
 * A snapshots folder whose `<contract>/accepted.json` accepts the classes of a real run's verdict that `pick` selects,
 * as a team writes it after `--accept`: the class signature, its label, a reason and a link.
 */
export function acceptedSnapshots(summary: RunSummary, pick: (c: ClassDecision) => boolean): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-accepted-'));
  const byContract = new Map<string, ClassDecision[]>();
  for (const c of summary.verdict.classes.filter(pick))
    byContract.set(c.contract, [...(byContract.get(c.contract) ?? []), c]);
  for (const [contract, classes] of byContract) {
    mkdirSync(join(dir, contract));
    const accepted = classes.map((c) => ({
      signature: c.signature,
      feature: c.feature,
      kind: c.kind,
      cause: c.cause,
      maxRecords: 10,
      reason: 'UTF-16 length until the mobile client ships',
      link: 'https://example.test/issues/1',
    }));
    writeFileSync(
      join(dir, contract, 'accepted.json'),
      formatAcceptedFile({ signatureVersion: SIGNATURE_VERSION, contract, accepted }),
    );
  }
  return dir;
}

/** A real fuzz run of the card-fraud fixture: a few generated cases with a fixed seed, no corpus written. */
export async function fuzzFixture(reporters: readonly Reporter[]): Promise<RunSummary> {
  const cwd = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-report-'));
  return await runFuzzGate({
    config: await loadConfig(CONFIGS.cardFraudFuzz, cwd),
    cwd,
    reporters,
    update: 'none',
    runs: 60,
    seed: 7,
  });
}

/** A log file of the given lines in a fresh temporary folder. */
export function tempLog(name: string, content: readonly string[] | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'lockstep-ci-log-')), name);
  writeFileSync(path, Buffer.isBuffer(content) ? content : content.map((l) => `${l}\n`).join(''));
  return path;
}

/**
 * Validates JUnit XML against the Jenkins xunit JUnit schema kept in test/fixtures/junit, with PyPI's xmlschema in
 * the project venv (requirements.txt). Returns the validator's complaint, or '' when the document is valid.
 */
export async function junitSchemaErrors(xml: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'lockstep-junit-')), 'junit.xml');
  writeFileSync(file, xml);
  const script =
    'import sys, xmlschema\nschema = xmlschema.XMLSchema(sys.argv[1])\nerrors = list(schema.iter_errors(sys.argv[2]))\nprint("\\n".join(str(e) for e in errors[:3]))';
  const result = await execa(join(ROOT, '.venv/bin/python'), [
    '-c',
    script,
    join(ROOT, 'test/fixtures/junit/junit-10.xsd'),
    file,
  ]);
  return result.stdout.trim();
}
