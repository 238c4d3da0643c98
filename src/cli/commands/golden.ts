import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import { SkewError } from '../../errors.ts';
import { EXIT_CODES, type ExitCode, type Verdict } from '../../gate/verdict.ts';
import { runGoldenGate } from '../../runner/run-golden-gate.ts';
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
Exit code 0: pass; 1: a changed, missing or failing case; 2: usage or configuration error.`,
  goldenFlags,
);

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
  const cwd = process.cwd();
  const config = await loadConfig(str('config'), cwd);
  const contract = str('contract');
  const snapshotDir = str('snapshot-dir');
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
  });
  return summary.verdict;
}
