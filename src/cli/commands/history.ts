import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import { SkewError } from '../../errors.ts';
import { EXIT_CODES } from '../../gate/verdict.ts';
import { formatHistory, formatSkippedLine } from '../../report/format-history.ts';
import { runHistory } from '../../runner/run-history.ts';
import { helpText, historyFlags, parseArgsOptions } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep history [options]',
  [
    'Shows, per contract, its last runs from the history file (each whole replay, check or merge of shards appends',
    'one line per contract): each run’s time, git commit, status, counts and classes new since the run before, then',
    'each feature’s mismatch rate and distribution distances run by run, newest last. Lines of the file that are',
    'not history entries are named on stderr and skipped. Exit code 0; 2: no history file, one that cannot be read',
    '(a folder), or no such contract/feature.',
  ].join('\n'),
  historyFlags,
);

/** `lockstep history`: translates argv into a `runHistory` call and prints it (text, or JSON with --json). */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(historyFlags), strict: true });
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return EXIT_CODES.pass;
  }
  const str = (name: string): string | undefined => flags[name] as string | undefined;
  const last = str('last') ?? '10';
  if (!/^\d+$/.test(last) || Number(last) < 1) {
    throw new SkewError('SKEW_USAGE', `--last: expected a positive integer, got "${last}"`);
  }
  const cwd = process.cwd();
  const config = str('config') === undefined ? undefined : await loadConfig(str('config'), cwd);
  const contract = str('contract');
  const feature = str('feature');
  const history = str('history');
  const view = await runHistory({
    cwd,
    last: Number(last),
    ...(config === undefined ? {} : { config }),
    ...(history === undefined ? {} : { history }),
    ...(contract === undefined ? {} : { contract }),
    ...(feature === undefined ? {} : { feature }),
  });
  for (const problem of view.skipped) process.stderr.write(`${formatSkippedLine(problem)}\n`);
  process.stdout.write(flags.json === true ? `${JSON.stringify(view, null, 2)}\n` : formatHistory(view));
  return EXIT_CODES.pass;
}
