import { parseArgs } from 'node:util';
import { SkewError } from '../../errors.ts';
import { LOG_FILE_FORMATS, type LogFileFormat } from '../../io/log-file-format.ts';
import { runInit } from '../../runner/run-init.ts';
import { helpText, initFlags, parseArgsOptions } from '../options.ts';

const HELP = helpText(
  'Usage: lockstep init --log <sample.jsonl> [--format json|ts] [--out-dir <dir>] [--sample <n>] [--name <name>] [--force]',
  [
    'Drafts a contract and a lockstep.config.ts from a sample of a log: input types, nullability, enums, integer vs',
    'float, ranges (as suggestions), timestamps, the entity, and the features of the logged served values. Every',
    'guess carries a comment saying why. Review them, fill in the training side, then run lockstep replay.',
  ].join('\n'),
  initFlags,
);

function usage(message: string): SkewError {
  return new SkewError('SKEW_USAGE', `lockstep init: ${message}`);
}

/** `lockstep init`: drafts a contract and a config from a log. */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: parseArgsOptions(initFlags), strict: true });
  const flags = values as Record<string, string | boolean | undefined>;
  if (flags.help === true) {
    process.stdout.write(HELP);
    return 0;
  }
  const log = flags.log as string | undefined;
  if (log === undefined) throw usage('--log <file> is required: the log to draft the contract from');
  const format = (flags.format as string | undefined) ?? 'json';
  if (format !== 'json' && format !== 'ts') throw usage(`--format is json or ts, not "${format}"`);
  const sampleText = flags.sample as string | undefined;
  const sample = sampleText === undefined ? undefined : Number(sampleText);
  if (sample !== undefined && !(Number.isInteger(sample) && sample > 0)) {
    throw usage(`--sample is a number of lines (a whole number > 0), not "${sampleText}"`);
  }
  const name = flags.name as string | undefined;
  if (name !== undefined && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
    throw usage(`--name "${name}" is not a contract name: letters, digits, _ . - (starting with a letter or _)`);
  }
  const fileFormat = flags['log-format'] as string | undefined;
  if (fileFormat !== undefined && !LOG_FILE_FORMATS.includes(fileFormat as LogFileFormat)) {
    throw usage(`--log-format is one of ${LOG_FILE_FORMATS.join(', ')}, not "${fileFormat}"`);
  }
  const fields = {
    inputField: flags['input-field'],
    servedField: flags['served-field'],
    timestampField: flags['timestamp-field'],
  };
  const logFormat = Object.fromEntries(Object.entries(fields).filter(([, v]) => typeof v === 'string'));
  const result = await runInit({
    log,
    format,
    ...(flags['out-dir'] === undefined ? {} : { outDir: flags['out-dir'] as string }),
    ...(sample === undefined ? {} : { sample }),
    ...(name === undefined ? {} : { name }),
    force: flags.force === true,
    ...(Object.keys(logFormat).length === 0 ? {} : { logFormat }),
    ...(fileFormat === undefined ? {} : { fileFormat: fileFormat as LogFileFormat }),
  });
  const { draft } = result;
  const out = process.stdout;
  out.write(`Drafted contract "${draft.name}" from ${draft.records.toLocaleString('en-US')} records of ${log}:\n`);
  const entity = draft.entity === undefined ? 'no entity (record-wise)' : `entity ${draft.entity.field}`;
  out.write(`  ${draft.input.length} input fields, ${entity}`);
  out.write(
    `${draft.timestamp === undefined ? '' : `, event time ${draft.timestamp.field}`}; ${draft.features.length} features\n`,
  );
  if (result.skipped > 0)
    out.write(
      `  skipped ${result.skipped} line${result.skipped === 1 ? '' : 's'} that ${result.skipped === 1 ? 'is not a JSON object' : 'are not JSON objects'} (${result.firstSkipped})\n`,
    );
  for (const file of result.files) out.write(`wrote ${file}\n`);
  out.write(
    '\nReview every "guessed:" comment, then replace the TODO training side with your training feature code.\n' +
      `Next: ${result.next}\n`,
  );
  return 0;
}
