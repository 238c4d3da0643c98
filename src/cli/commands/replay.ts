import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../config/load-config.ts';
import { parseSideFlag } from '../../config/parse-side-flag.ts';
import { SkewError } from '../../errors.ts';
import { parseInvalidBudget } from '../../gate/invalid-budget.ts';
import { EXIT_CODES, type ExitCode, type Verdict } from '../../gate/verdict.ts';
import { LOG_FILE_FORMATS, type LogFileFormat } from '../../io/log-file-format.ts';
import { checkSampleRate } from '../../replay/sample.ts';
import { runReplay } from '../../runner/run-replay.ts';
import { buildReporters } from '../build-reporters.ts';
import { historyOption, noteHistoryNotWritten } from '../history-flag.ts';
import { isCi } from '../is-ci.ts';
import { helpText, parseArgsOptions, replayFlags } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep replay [options]',
  'Replays logged production records through the training and serving sides of each contract in the config\nand reports every divergence. Exit code 0: pass; 1: fail (a divergence not accepted, nothing compared, invalid lines\nover --max-invalid, a log not read to its end); 2: usage or configuration error, or a side that could not be reached.',
  replayFlags,
);

function positiveInt(flag: string, value: string | undefined, orElse = ''): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new SkewError('SKEW_USAGE', `--${flag}: expected a positive integer${orElse}, got "${value}"`);
  return n;
}

function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || count < 1 || index < 1 || index > count) {
    throw new SkewError('SKEW_USAGE', `--shard: expected i/n with 1 <= i <= n, e.g. 1/4; got "${value}"`);
  }
  return { index: index - 1, count };
}

/** `--log-format`: one of the formats Lockstep reads. */
function parseLogFileFormat(value: string | undefined): LogFileFormat | undefined {
  if (value === undefined || (LOG_FILE_FORMATS as readonly string[]).includes(value)) return value as LogFileFormat;
  throw new SkewError('SKEW_USAGE', `--log-format: expected ${LOG_FILE_FORMATS.join(', ')}; got "${value}"`);
}

/** `lockstep replay`: translates argv into a `runReplay` call; returns its verdict (main maps it to the exit code). */
export async function run(argv: string[]): Promise<Verdict | ExitCode> {
  const { values: v } = parseArgs({
    args: argv,
    options: parseArgsOptions(replayFlags),
    allowPositionals: false,
    strict: true,
  });
  const flags = v as Record<string, string | boolean | string[] | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return EXIT_CODES.pass;
  }
  const str = (name: string): string | undefined => flags[name] as string | undefined;
  const cwd = process.cwd();
  const config = await loadConfig(str('config'), cwd);
  const format = Object.fromEntries(
    (['timestamp', 'input', 'served', 'entity', 'id'] as const)
      .map((part) => [`${part}Field`, str(`${part}-field`)] as const)
      .filter(([, value]) => value !== undefined),
  );
  const featuresIdField = str('features-id-field');
  const sideFlagOptions = { cwd, ...(featuresIdField === undefined ? {} : { featuresIdField }) };
  const training = str('training');
  const serving = str('serving');
  const batchSize = positiveInt('batch-size', str('batch-size'));
  const maxEntityEvents = positiveInt('max-entity-events', str('max-entity-events'));
  const concurrency = positiveInt('concurrency', str('concurrency'));
  const workers =
    str('workers') === 'auto' ? availableParallelism() : positiveInt('workers', str('workers'), ' or auto');
  const maxWorkers = 4 * availableParallelism();
  if (workers !== undefined && workers > maxWorkers) {
    throw new SkewError(
      'SKEW_USAGE',
      `--workers: at most ${maxWorkers} (4 per core; this machine has ${availableParallelism()}), got ${workers}: each worker thread holds its own sides and memory, and threads beyond the cores only add memory; use --workers auto for one per core`,
    );
  }
  const exampleLimit = positiveInt('examples', str('examples'));
  const shard = parseShard(str('shard'));
  const logFileFormat = parseLogFileFormat(str('log-format'));
  const sample = str('sample') === undefined ? undefined : checkSampleRate(str('sample') as string, '--sample');
  const minimizeSteps = str('minimize-steps') === '0' ? 0 : positiveInt('minimize-steps', str('minimize-steps'));
  const minimizeSeconds = positiveInt('minimize-seconds', str('minimize-seconds'));
  const contract = str('contract');
  const divergencesFile = str('divergences');
  const maxInvalid = str('max-invalid');
  const snapshotDir = str('snapshot-dir');
  const reporterNames = (flags.reporter as string[] | undefined) ?? ['default'];
  const summary = await runReplay({
    config,
    cwd,
    reporters: buildReporters(reporterNames, str('output-dir'), process.env.GITHUB_STEP_SUMMARY),
    invocation: { commandLine: ['lockstep', 'replay', ...argv] },
    format,
    now: () => performance.now(),
    ...(contract === undefined ? {} : { contract }),
    ...(training === undefined ? {} : { training: parseSideFlag('training', training, sideFlagOptions) }),
    ...(serving === undefined ? {} : { serving: parseSideFlag('serving', serving, sideFlagOptions) }),
    ...(flags.log === undefined ? {} : { logs: flags.log as string[] }),
    ...(logFileFormat === undefined ? {} : { logFileFormat }),
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(maxEntityEvents === undefined ? {} : { maxEntityEvents }),
    ...(concurrency === undefined ? {} : { concurrency }),
    ...(workers === undefined ? {} : { workers }),
    ...(exampleLimit === undefined ? {} : { exampleLimit }),
    ...(shard === undefined ? {} : { shard }),
    ...(sample === undefined ? {} : { sample }),
    ...(minimizeSteps === undefined ? {} : { minimizeSteps }),
    ...(minimizeSeconds === undefined ? {} : { minimizeSeconds }),
    ...(divergencesFile === undefined ? {} : { divergencesFile }),
    ...(maxInvalid === undefined ? {} : { maxInvalid: parseInvalidBudget(maxInvalid) }),
    ...(snapshotDir === undefined ? {} : { snapshotDir }),
    accept: flags.accept === true,
    ...(flags.aa === true ? { aa: true } : {}),
    ci: isCi(process.env),
    ...historyOption(flags, config),
  });
  noteHistoryNotWritten(summary, reporterNames);
  return summary.verdict;
}
