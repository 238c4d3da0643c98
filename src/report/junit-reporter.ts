import { createRequire } from 'node:module';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { type Case, suiteCases } from './_junit-cases.ts';
import { gateView } from './gate-view.ts';
import type { GateView, SuiteView } from './gate-view-types.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';

// xmlbuilder2 (and the DOM it brings) is loaded on the first JUnit report, not by every run that imports reporters:
// it is the largest module a replay would otherwise load and never use (about 7 MB of memory).
let xml: typeof import('xmlbuilder2') | undefined;
const xmlbuilder = (): typeof import('xmlbuilder2') =>
  (xml ??= createRequire(import.meta.url)('xmlbuilder2') as typeof import('xmlbuilder2'));

/** Seconds as the JUnit schemas want them: plain decimals, never an exponent. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** XML 1.0 cannot hold most control characters, even escaped: a logged value may; it is written as `\uXXXX`. */
function replaceInvalidChar(char: string): string {
  return `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;
}

function addCase(parent: XMLBuilder, c: Case): void {
  const node = parent.ele('testcase', { name: c.name, classname: c.classname, time: '0' });
  if (c.failure !== undefined) {
    node.ele(c.error ? 'error' : 'failure', { type: c.failure.type, message: c.failure.message }).txt(c.failure.body);
  }
  if (c.out !== undefined) node.ele('system-out').txt(c.out);
}

interface Tally {
  tests: number;
  failures: number;
  errors: number;
}

function addSuite(root: XMLBuilder, view: GateView, suite: SuiteView, tally: Tally): void {
  const cases = suiteCases(suite);
  const failures = cases.filter((c) => c.failure !== undefined && c.error !== true).length;
  const errors = cases.filter((c) => c.error === true).length;
  tally.tests += cases.length;
  tally.failures += failures;
  tally.errors += errors;
  const run = view.run;
  const node = root.ele('testsuite', {
    name: `${suite.contract.name}@${suite.contract.version} (${suite.stage})`,
    tests: String(cases.length),
    failures: String(failures),
    errors: String(errors),
    skipped: '0',
    time: seconds(suite.durationMs),
    timestamp: run.startedAt,
    file: suite.contract.definedAt.file,
  });
  const props = node.ele('properties');
  const property = (name: string, value: string | undefined) => {
    if (value !== undefined) props.ele('property', { name, value });
  };
  property('lockstep.version', run.lockstepVersion);
  property('lockstep.stage', suite.stage);
  property('contract.name', suite.contract.name);
  property('contract.version', suite.contract.version);
  property('git.commit', run.gitCommit);
  property('shard', run.shard === undefined ? undefined : `${run.shard.index}/${run.shard.count}`);
  property('command', run.commandLine.join(' ') || undefined);
  property('verdict', view.verdict.status);
  for (const c of cases) addCase(node, c);
}

/**
 * A run as JUnit XML (the Jenkins/xunit dialect CI servers read): a `<testsuite>` per contract and stage, a
 * `<testcase>` per feature and per divergence class, and one per reason of the verdict that is not a class's
 * (nothing compared, invalid lines, a log not read to its end). A failing class carries its first record, both
 * values, the input, the minimal input and hints; an accepted class is a passing test case whose `<system-out>`
 * says why it is accepted. A side that could not be reached is an `<error>`.
 * @param view - the run, from {@link gateView}
 * @remarks Since 0.1
 * @public
 */
export function formatJunit(view: GateView): string {
  const doc = xmlbuilder().create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: replaceInvalidChar });
  const totalMs = Date.parse(view.run.endedAt) - Date.parse(view.run.startedAt);
  const root = doc.ele('testsuites', {
    name: `lockstep ${view.run.command}`,
    time: seconds(Number.isFinite(totalMs) ? totalMs : 0),
  });
  const tally: Tally = { tests: 0, failures: 0, errors: 0 };
  for (const suite of view.suites) addSuite(root, view, suite, tally);
  if (view.problems.length > 0) {
    // Reasons that name no contract get a suite of their own, so that no reason of the verdict goes unreported.
    const node = root.ele('testsuite', {
      name: 'lockstep',
      tests: String(view.problems.length),
      failures: String(view.problems.length),
      errors: '0',
    });
    for (const r of view.problems) {
      addCase(node, {
        name: `gate ${r.code}`,
        classname: 'lockstep.gate',
        failure: { type: r.code, message: r.message, body: r.message },
      });
    }
    tally.tests += view.problems.length;
    tally.failures += view.problems.length;
  }
  root.att({ tests: String(tally.tests), failures: String(tally.failures), errors: String(tally.errors) });
  return `${doc.end({ prettyPrint: true })}\n`;
}

/**
 * Writes the run as JUnit XML (`junit.xml` in the output directory, or stdout).
 * @remarks Since 0.1
 * @public
 */
export class JunitReporter implements Reporter {
  constructor(private readonly out: ReporterOutput) {}

  onRunEnd(summary: RunSummary): void {
    this.out.write(formatJunit(gateView(summary)));
  }
}
