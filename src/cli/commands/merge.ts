import { parseArgs } from 'node:util';
import { SkewError } from '../../errors.ts';
import { parseInvalidBudget } from '../../gate/invalid-budget.ts';
import { EXIT_CODES, type ExitCode, type Verdict } from '../../gate/verdict.ts';
import { runMerge } from '../../runner/run-merge.ts';
import { buildReporters } from '../build-reporters.ts';
import { historyOption } from '../history-flag.ts';
import { helpText, mergeFlags, parseArgsOptions } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep merge <lockstep-report.json…> [options]',
  [
    'Merges the JSON reports of a replay run in shards (lockstep replay --shard i/n --reporter json, one per shard)',
    'into the report of the whole run, and decides it with the same gate: the same counts, classes, examples and',
    'verdict as one run. Every shard 1/n … n/n must be given once, from the same logs, contracts and --sample.',
    'Exit code 0: pass; 1: fail; 2: a file that is not a report, or shards that do not make up one run.',
  ].join('\n'),
  mergeFlags,
);

/** `lockstep merge`: translates argv into a `runMerge` call; returns its verdict (main maps it to the exit code). */
export async function run(argv: string[]): Promise<Verdict | ExitCode> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: parseArgsOptions(mergeFlags),
    allowPositionals: true,
    strict: true,
  });
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return EXIT_CODES.pass;
  }
  if (positionals.length === 0) {
    throw new SkewError('SKEW_USAGE', 'no report given: lockstep merge <lockstep-report.json…> (one per shard)');
  }
  const maxInvalid = flags['max-invalid'] as string | undefined;
  const snapshotDir = flags['snapshot-dir'] as string | undefined;
  const summary = await runMerge({
    files: positionals,
    cwd: process.cwd(),
    reporters: buildReporters(
      (flags.reporter as string[] | undefined) ?? ['default'],
      flags['output-dir'] as string | undefined,
      process.env.GITHUB_STEP_SUMMARY,
    ),
    invocation: { commandLine: ['lockstep', 'merge', ...argv] },
    now: () => performance.now(),
    ...(maxInvalid === undefined ? {} : { maxInvalid: parseInvalidBudget(maxInvalid) }),
    ...(snapshotDir === undefined ? {} : { snapshotDir }),
    ...historyOption(flags),
  });
  return summary.verdict;
}
