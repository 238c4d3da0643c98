import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import { SkewError } from '../../errors.ts';
import { parseInvalidBudget } from '../../gate/invalid-budget.ts';
import { EXIT_CODES, type ExitCode, type GateStage, type Verdict } from '../../gate/verdict.ts';
import { runCheck } from '../../runner/run-check.ts';
import { buildReporters } from '../build-reporters.ts';
import { historyOption } from '../history-flag.ts';
import { isCi } from '../is-ci.ts';
import { checkFlags, helpText, parseArgsOptions } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep check [options]',
  `The whole gate in one run, for every contract in the config: the golden cases (lockstep golden), the fuzz regression
corpus plus a CI budget of generated cases (lockstep fuzz --runs 200), and a replay of the configured logs (lockstep
replay). One verdict, one exit code, one report for every reporter. A stage with nothing configured (no golden case or
file, no logs, a 'logged' side for fuzz) or named in --skip is skipped, and the verdict names it. Nothing is written
when CI is set or with --ci; otherwise new golden cases and counterexamples are recorded (update mode new).
Exit code 0: pass; 1: a stage failed; 2: usage or configuration error.`,
  checkFlags,
);

const STAGES: readonly GateStage[] = ['golden', 'fuzz', 'replay'];

function parseSkip(value: string | undefined): GateStage[] {
  if (value === undefined) return [];
  return value.split(',').map((s) => {
    const stage = s.trim() as GateStage;
    if (!STAGES.includes(stage)) {
      throw new SkewError('SKEW_USAGE', `--skip: expected stages among golden, fuzz, replay; got "${s}"`);
    }
    return stage;
  });
}

function count(flag: string, value: string | undefined, min = 1): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    const expected = min <= Number.MIN_SAFE_INTEGER ? 'an integer' : `an integer >= ${min}`;
    throw new SkewError('SKEW_USAGE', `--${flag}: expected ${expected}, got "${value}"`);
  }
  return n;
}

/** `lockstep check`: translates argv into a `runCheck` call; returns its verdict (main maps it to the exit code). */
export async function run(argv: string[]): Promise<Verdict | ExitCode> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(checkFlags), allowPositionals: false });
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return EXIT_CODES.pass;
  }
  const str = (name: string): string | undefined => flags[name] as string | undefined;
  const skip = parseSkip(str('skip'));
  const budget = count('runs', str('runs'));
  // Any integer, as fuzz takes it: the seeds fuzz prints to replay a finding may be negative.
  const seed = count('seed', str('seed'), Number.MIN_SAFE_INTEGER);
  const minimizeSteps = count('minimize-steps', str('minimize-steps'), 0);
  const minimizeSeconds = count('minimize-seconds', str('minimize-seconds'));
  const maxInvalid = str('max-invalid');
  const reporters = buildReporters(
    (flags.reporter as string[] | undefined) ?? ['default'],
    str('output-dir'),
    process.env.GITHUB_STEP_SUMMARY,
  );
  const cwd = process.cwd();
  const config = await loadConfig(str('config'), cwd);
  const contract = str('contract');
  const snapshotDir = str('snapshot-dir');
  const summary = await runCheck({
    config,
    cwd,
    reporters,
    skip,
    update: flags.ci === true || isCi(process.env) ? 'none' : 'new',
    clock: () => performance.now(),
    invocation: { commandLine: ['lockstep', 'check', ...argv] },
    ...(contract === undefined ? {} : { contract }),
    ...(budget === undefined ? {} : { runs: budget }),
    ...(seed === undefined ? {} : { seed }),
    ...(minimizeSteps === undefined ? {} : { minimizeSteps }),
    ...(minimizeSeconds === undefined ? {} : { minimizeSeconds }),
    ...(maxInvalid === undefined ? {} : { maxInvalid: parseInvalidBudget(maxInvalid) }),
    ...(snapshotDir === undefined ? {} : { snapshotDir }),
    ...historyOption(flags, config),
  });
  return summary.verdict;
}
