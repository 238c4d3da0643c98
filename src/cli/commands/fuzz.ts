import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import { parseSideFlag } from '../../config/parse-side-flag.ts';
import { SkewError } from '../../errors.ts';
import type { Finding, FuzzResult } from '../../fuzz/fuzz-result.ts';
import { EXIT_CODES, type ExitCode, type Verdict } from '../../gate/verdict.ts';
import { runFuzzGate } from '../../runner/run-fuzz-gate.ts';
import type { UpdateMode } from '../../snapshot/corpus-entry.ts';
import { buildReporters } from '../build-reporters.ts';
import { isCi } from '../is-ci.ts';
import { fuzzFlags, helpText, parseArgsOptions } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep fuzz [options]',
  `Generates inputs from each contract's input schema (entity histories when a side is entity-wise), runs them
through the training and serving sides, and reports every distinct divergence class once, shrunk to a minimal
input with the --seed and --path that replay it. Budget: 1,000 generated cases per contract unless --runs says
otherwise. The regression corpus (snapshots/<contract>/fuzz-corpus) is replayed first; new counterexamples are
written to it (update mode new), or not at all when CI is set or with --ci (none); -u writes and prunes (all; refused when CI is set).
Exit code 0: pass; 1: a divergence, or no case run; 2: usage or configuration error.`,
  fuzzFlags,
);

function integer(flag: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new SkewError('SKEW_USAGE', `--${flag}: expected an integer${min > 0 ? ' >= 1' : ''}, got "${value}"`);
  }
  return n;
}

/** `lockstep fuzz`: translates argv into a `runFuzz` call; returns its verdict (main maps it to the exit code). */
export async function run(argv: string[]): Promise<Verdict | ExitCode> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(fuzzFlags), allowPositionals: false });
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
  const path = str('path');
  const seed = integer('seed', str('seed'), Number.MIN_SAFE_INTEGER);
  if (path !== undefined && seed === undefined)
    throw new SkewError('SKEW_USAGE', '--path needs the --seed it came with');
  const ci = flags.ci === true || isCi(process.env);
  if (ci && flags.update === true) {
    throw new SkewError(
      'SKEW_USAGE',
      '-u/--update writes the fuzz corpus, which is refused when CI is set (update mode none)',
    );
  }
  const update: UpdateMode = flags.update === true ? 'all' : ci ? 'none' : 'new';
  const cwd = process.cwd();
  const config = await loadConfig(str('config'), cwd);
  const training = str('training');
  const serving = str('serving');
  const runs = integer('runs', str('runs'), 1);
  const contract = str('contract');
  const snapshotDir = str('snapshot-dir');
  const configFlag = str('config') === undefined ? '' : ` --config ${str('config')}`;
  const replay = (f: Finding, r: FuzzResult) =>
    `lockstep fuzz${configFlag} --contract ${r.contract.name} --seed ${f.seed} --path "${f.path}"`;
  const summary = await runFuzzGate({
    config,
    cwd,
    update,
    prune: flags.prune === true,
    now: () => new Date(),
    clock: () => performance.now(),
    reporters,
    replayCommand: replay,
    invocation: { commandLine: ['lockstep', 'fuzz', ...argv] },
    ...(contract === undefined ? {} : { contract }),
    ...(training === undefined ? {} : { training: parseSideFlag('training', training) }),
    ...(serving === undefined ? {} : { serving: parseSideFlag('serving', serving) }),
    ...(runs === undefined ? {} : { runs }),
    ...(seed === undefined ? {} : { seed }),
    ...(path === undefined ? {} : { path }),
    ...(snapshotDir === undefined ? {} : { snapshotDir }),
  });
  return summary.verdict;
}
