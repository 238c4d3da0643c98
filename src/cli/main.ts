import { isSkewError, type SkewErrorCode } from '../errors.ts';
import { EXIT_CODES, type Verdict } from '../gate/verdict.ts';
import { applyStreamingHeapPolicy } from '../replay/heap-policy.ts';
import { reportStrayRejection } from './stray-rejection.ts';

const USAGE = `lockstep — prove training and serving compute the same features

Usage: lockstep <command> [options]

Commands:
  replay   replay production logs through training and serving, report every divergence
  fuzz     generate inputs from each contract, find every divergence class, shrink it to a minimal input
  golden   check each side's features for the config's golden cases against those recorded in snapshots/
  check    the whole gate in one run: golden, fuzz (corpus + a CI budget) and replay, one verdict
  merge    merge the JSON reports of a replay's shards into one run's report and verdict
  history  each contract's last runs from the history file: mismatch rates and distances per feature
  schema   export each contract as JSON Schema for code in other languages
  types    generate TypeScript types for a contract file's input and features (--check: fail when stale)
  init     draft a contract and a config from a sample of a log (every guess explained)

Run lockstep <command> --help for a command's options; lockstep --version prints the version.
Exit codes (every command):
  0  pass
  1  fail: a divergence not accepted, a budget exceeded, nothing compared, invalid lines over --max-invalid,
     or a log not read to its end (INCOMPLETE)
  2  usage or configuration error: bad flag, missing or unreadable file, an output path that cannot be written,
     a side that could not be reached
  3  internal error (a bug in Lockstep)
`;

/** A command returns the run's verdict, or an exit code when it decides nothing (help, schema). */
type CommandResult = Verdict | number;

const commands: Record<string, () => Promise<{ run: (argv: string[]) => Promise<CommandResult> }>> = {
  replay: () => import('./commands/replay.ts'),
  fuzz: () => import('./commands/fuzz.ts'),
  golden: () => import('./commands/golden.ts'),
  check: () => import('./commands/check.ts'),
  merge: () => import('./commands/merge.ts'),
  history: () => import('./commands/history.ts'),
  schema: () => import('./commands/schema.ts'),
  types: () => import('./commands/types.ts'),
  init: () => import('./commands/init.ts'),
};

const USER_ERRORS: readonly SkewErrorCode[] = [
  'SKEW_USAGE',
  'SKEW_CONFIG_INVALID',
  'SKEW_CONTRACT_INVALID',
  'SKEW_LOG_UNREADABLE',
  'SKEW_IMPL_START',
];

/** Runs the CLI and returns its exit code; the only place results and errors become exit codes. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name === undefined ? EXIT_CODES.usage : EXIT_CODES.pass;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    const { lockstepVersion } = await import('../runner/gather-run-info.ts');
    process.stdout.write(`lockstep ${lockstepVersion()} (Node ${process.version})\n`);
    return EXIT_CODES.pass;
  }
  const load = commands[name];
  if (load === undefined) {
    process.stderr.write(`lockstep: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_CODES.usage;
  }
  applyStreamingHeapPolicy();
  process.on('unhandledRejection', (reason) => {
    process.exit(reportStrayRejection(name, reason, (text) => process.stderr.write(text)));
  });
  try {
    const result = await (await load()).run(rest);
    return typeof result === 'number' ? result : result.exitCode;
  } catch (error) {
    if (isSkewError(error) && USER_ERRORS.includes(error.code)) {
      process.stderr.write(`\nlockstep ${name}: ${error.message}\n`);
      return EXIT_CODES.usage;
    }
    if (error instanceof TypeError && (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`\nlockstep ${name}: ${error.message}\nRun lockstep ${name} --help for the options.\n`);
      return EXIT_CODES.usage;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(
      `\nlockstep ${name}: internal error\n${detail}\nThis is a bug in Lockstep; please open an issue with this output.\n`,
    );
    return EXIT_CODES.internal;
  }
}
