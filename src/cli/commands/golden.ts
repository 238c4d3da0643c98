import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import { SkewError } from '../../errors.ts';
import { EXIT_CODES, type ExitCode, type Verdict } from '../../gate/verdict.ts';
import type { GoldenCaseSpec } from '../../golden/golden-result.ts';
import { DEFAULT_SAMPLE_CASES } from '../../golden/sample-from-log.ts';
import { formatGoldenSample } from '../../golden/sample-summary.ts';
import { runGoldenGate } from '../../runner/run-golden-gate.ts';
import { sampleGoldenLog } from '../../runner/sample-golden-log.ts';
import type { UpdateMode } from '../../snapshot/corpus-entry.ts';
import { buildReporters } from '../build-reporters.ts';
import { isCi } from '../is-ci.ts';
import { goldenFlags, helpText, parseArgsOptions } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep golden [options]',
  `Computes every golden case of each contract (golden: [{ name, input }] in the config) with each side and compares
each side with the features it recorded in snapshots/<contract>/golden.jsonl, by the contract's tolerances. The
report says, per case and feature, old → new and which side(s) changed; "both sides changed the same way" is its
own class. Update modes: new (default) records missing cases and never changes stored values; -u (all) rewrites
them; none (whenever CI is set, or --ci) writes nothing, and a missing file or case fails. Obsolete cases are
reported and removed only with --prune.
--from-log <log> [--cases n] adds a small, deterministic, stratified sample of a real log as golden cases: a record
of every category value, of null and non-null of each nullable feature, of the extremes and quantiles (q25, q50,
q75) of each numeric feature and of every divergence class a replay of the log finds, then whole entity histories
(entity-wise sides); --cases caps them in that order (default 50). Strata come from the features the log served, or
the serving side's when it has none. The picks are printed with why each was chosen; refused when CI is set.
Exit code 0: pass; 1: a changed, missing or failing case; 2: usage or configuration error.`,
  goldenFlags,
);

/** `--cases n`: a positive integer, only with --from-log; default 50. */
function casesOf(value: string | undefined, fromLog: string | undefined): number {
  if (value === undefined) return DEFAULT_SAMPLE_CASES;
  if (fromLog === undefined)
    throw new SkewError('SKEW_USAGE', '--cases caps the cases --from-log picks; add --from-log <log>');
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new SkewError('SKEW_USAGE', `--cases must be a whole number of 1 or more, got "${value}"`);
  return n;
}

/** `lockstep golden`: translates argv into a `runGolden` call; returns its verdict (main maps it to the exit code). */
export async function run(argv: string[]): Promise<Verdict | ExitCode> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(goldenFlags), allowPositionals: false });
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return EXIT_CODES.pass;
  }
  const str = (name: string): string | undefined => flags[name] as string | undefined;
  const reporters = buildReporters(
    (flags.reporter as string[] | undefined) ?? ['default'],
    str('output-dir'),
    process.env.GITHUB_STEP_SUMMARY,
  );
  const ci = flags.ci === true || isCi(process.env);
  if (ci && flags.update === true) {
    throw new SkewError(
      'SKEW_USAGE',
      '-u/--update writes golden files, which is refused when CI is set (update mode none)',
    );
  }
  if (flags['accept-without-bump'] === true && flags.update !== true) {
    throw new SkewError(
      'SKEW_USAGE',
      '--accept-without-bump only applies with -u/--update (it lets -u rewrite stored values under the same contract version)',
    );
  }
  const update: UpdateMode = flags.update === true ? 'all' : ci ? 'none' : 'new';
  const fromLog = str('from-log');
  const cap = casesOf(str('cases'), fromLog);
  if (fromLog !== undefined && update === 'none') {
    throw new SkewError(
      'SKEW_USAGE',
      '--from-log adds golden cases, which is refused when CI is set (update mode none); run it locally and commit the golden file',
    );
  }
  const cwd = process.cwd();
  const config = await loadConfig(str('config'), cwd);
  let contract = str('contract');
  const snapshotDir = str('snapshot-dir');
  let extraCases: Record<string, readonly GoldenCaseSpec[]> | undefined;
  if (fromLog !== undefined) {
    const sampled = await sampleGoldenLog({
      config,
      cwd,
      log: fromLog,
      cases: cap,
      ...(contract === undefined ? {} : { contract }),
      ...(snapshotDir === undefined ? {} : { snapshotDir }),
    });
    const names = (flags.reporter as string[] | undefined) ?? ['default'];
    const out = str('output-dir') === undefined && names.some((n) => n !== 'default') ? process.stderr : process.stdout;
    out.write(formatGoldenSample(sampled.sample, { ...sampled, log: fromLog, cap }));
    contract = sampled.contract;
    extraCases = { [contract]: sampled.sample.cases.map((c) => c.spec) };
  }
  const summary = await runGoldenGate({
    config,
    cwd,
    update,
    prune: flags.prune === true,
    acceptWithoutBump: flags['accept-without-bump'] === true,
    reporters,
    clock: () => performance.now(),
    invocation: { commandLine: ['lockstep', 'golden', ...argv] },
    ...(contract === undefined ? {} : { contract }),
    ...(snapshotDir === undefined ? {} : { snapshotDir }),
    ...(extraCases === undefined ? {} : { extraCases }),
  });
  return summary.verdict;
}
