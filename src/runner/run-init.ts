import { existsSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { z } from 'zod';
import type { Contract } from '../contract/contract.ts';
import { SkewError } from '../errors.ts';
import { decodeSampleLine } from '../init/decode-sample-line.ts';
import { type ContractDraft, draftContract } from '../init/draft-contract.ts';
import { renderConfig } from '../init/render-config.ts';
import { renderJsonContract } from '../init/render-json-contract.ts';
import { renderTsContract } from '../init/render-ts-contract.ts';
import { checkNamedLogFields } from '../io/log-fields-check.ts';
import { checkLogFile } from '../io/log-file-check.ts';
import { type LogFileFormat, logFileFormatOf } from '../io/log-file-format.ts';
import { checkLogContent, logLineSource } from '../io/log-source-for.ts';
import { writeOutputFile } from '../io/output-file.ts';
import { DEFAULT_LOG_FORMAT, type LogFormat } from '../replay/log-format.ts';

/**
 * What `lockstep init` takes.
 * @remarks Since 0.1
 * @public
 */
export interface RunInitOptions {
  /** The log to draft from (JSON Lines, plain or .gz; Parquet; CSV). */
  readonly log: string;
  /** `json` (default): a contract file; `ts`: a TypeScript module with `defineContract` and zod. */
  readonly format?: 'json' | 'ts';
  /** Where to write the contract and `lockstep.config.ts` (default: the working directory). */
  readonly outDir?: string;
  /** Lines read from the start of the log (default 10,000). */
  readonly sample?: number;
  /** The contract's name (default: the log file's name). */
  readonly name?: string;
  /** Overwrite files that exist. */
  readonly force?: boolean;
  readonly logFormat?: Partial<LogFormat>;
  readonly fileFormat?: LogFileFormat;
  /** The working directory (default `process.cwd()`). */
  readonly cwd?: string;
}

/** What `lockstep init` wrote. @public */
export interface InitResult {
  readonly draft: ContractDraft;
  /** The files written (relative to the working directory when near it): the contract, then the config. */
  readonly files: readonly string[];
  /** Lines skipped because they were not JSON objects, with the first one's reason. */
  readonly skipped: number;
  readonly firstSkipped?: string;
  /** The command that replays the log with the drafted config. */
  readonly next: string;
}

const API = 'runInit';

/** A stand-in contract for reading a flat table: no input fields, so every column stays where the table has it. */
const NO_CONTRACT: Contract = {
  name: 'init',
  version: '0',
  entity: '',
  input: z.object({}),
  features: {},
  featureNames: [],
};

/** The contract's default name: the log's file name without its extensions, as a snake_case word. */
function nameOf(log: string): string {
  const stem = basename(log).replace(/(\.(jsonl|json|ndjson|parquet|csv|gz|txt))+$/i, '');
  const name = stem.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return name === '' ? 'contract' : name;
}

interface Sample {
  readonly records: unknown[];
  lines: number;
  skipped: number;
  firstSkipped?: string;
}

async function readSample(path: string, options: RunInitOptions, limit: number): Promise<Sample> {
  const source = logLineSource(path, {
    contract: NO_CONTRACT,
    ...(options.logFormat === undefined ? {} : { format: options.logFormat }),
    ...(options.fileFormat === undefined ? {} : { fileFormat: options.fileFormat }),
  });
  const sample: Sample = { records: [], lines: 0, skipped: 0 };
  const decoder = new TextDecoder('utf-8', { fatal: false });
  let rest = '';
  const take = (text: string): boolean => {
    sample.lines++;
    if (text.trim() === '') return sample.records.length < limit;
    try {
      const value = decodeSampleLine(text);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
      sample.records.push(value);
    } catch (error) {
      sample.skipped++;
      sample.firstSkipped ??= `line ${sample.lines}: ${error instanceof Error ? error.message : String(error)}`;
    }
    return sample.records.length + sample.skipped < limit;
  };
  for await (const chunk of source.open()) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) if (!take(line)) return sample;
  }
  rest += decoder.decode();
  if (rest !== '') take(rest);
  return sample;
}

/** `to` relative to `from` (`./x`, `../logs/x`), or absolute when the two share no folder but the root. */
function relativeTo(from: string, to: string): string {
  const path = relative(from, to).split(sep).join('/');
  const up = path.split('/').filter((s) => s === '..').length;
  if (isAbsolute(path) || (up > 0 && up >= from.split(sep).filter(Boolean).length)) return to;
  return path.startsWith('.') ? path : `./${path}`;
}

/**
 * `lockstep init`: reads a sample of a log and writes a drafted contract (JSON or TypeScript) and a
 * `lockstep.config.ts` replaying the log against its logged features, every guess explained in a comment.
 * @param options - the log, formats and where to write
 * @throws SkewError `SKEW_LOG_UNREADABLE` (missing, empty or non-JSON log, no input or served objects) or `SKEW_USAGE`
 *   (a file exists and `force` is not set)
 * @remarks Since 0.1
 * @public
 */
export async function runInit(options: RunInitOptions): Promise<InitResult> {
  const cwd = options.cwd ?? process.cwd();
  const log = resolve(cwd, options.log);
  const limit = options.sample ?? 10_000;
  checkLogFile(log, API, options.fileFormat);
  await checkLogContent(log, API, options.fileFormat);
  if (options.logFormat !== undefined) {
    const source = logLineSource(log, {
      contract: NO_CONTRACT,
      format: options.logFormat,
      ...(options.fileFormat === undefined ? {} : { fileFormat: options.fileFormat }),
    });
    const namedBy = { inputField: '--input-field', servedField: '--served-field', timestampField: '--timestamp-field' };
    const inputField = options.logFormat.inputField ?? DEFAULT_LOG_FORMAT.inputField;
    await checkNamedLogFields(log, { fields: options.logFormat, namedBy, inputField }, source);
  }
  const sample = await readSample(log, options, limit);
  const fail = (what: string) => new SkewError('SKEW_LOG_UNREADABLE', `${API}: log ${options.log}: ${what}`);
  if (sample.records.length === 0) {
    const fileFormat = logFileFormatOf(log, options.fileFormat);
    throw fail(
      sample.skipped === 0
        ? fileFormat === 'jsonl'
          ? 'is empty: init drafts a contract from logged records, one JSON object per line'
          : `has no rows: init drafts a contract from logged records, one ${fileFormat === 'csv' ? 'row after the header' : 'row'} per record`
        : `no line is a JSON object (${sample.skipped} read; ${sample.firstSkipped}); pass a log of one JSON object per line: {"id", "timestamp", "input": {…}, "served": {…}}`,
    );
  }
  if (sample.skipped > sample.records.length) {
    throw fail(
      `${sample.skipped} of ${sample.records.length + sample.skipped} lines are not JSON objects (${sample.firstSkipped})`,
    );
  }
  const flat = logFileFormatOf(log, options.fileFormat) !== 'jsonl';
  let draft: ContractDraft;
  try {
    draft = draftContract(sample.records, {
      name: options.name ?? nameOf(log),
      flat,
      ...(options.logFormat === undefined ? {} : { format: options.logFormat }),
    });
  } catch (error) {
    if (error instanceof SkewError) throw fail(error.message);
    throw error;
  }
  const format = options.format ?? 'json';
  const outDir = resolve(cwd, options.outDir ?? '.');
  const contractFile = join(outDir, `${draft.name}.contract.${format === 'json' ? 'json' : 'ts'}`);
  const configFile = join(outDir, 'lockstep.config.ts');
  const files = [contractFile, configFile];
  const existing = files.filter((f) => existsSync(f));
  if (existing.length > 0 && options.force !== true) {
    throw new SkewError(
      'SKEW_USAGE',
      `${API}: ${existing.map((f) => relativeTo(cwd, f)).join(' and ')} already exist${existing.length === 1 ? 's' : ''}; pass --force to overwrite, or --out-dir <dir> to write elsewhere`,
    );
  }
  const logName = relativeTo(cwd, log);
  const contractText = format === 'json' ? renderJsonContract(draft, logName) : renderTsContract(draft, logName);
  const configText = renderConfig(draft, {
    contractPath: relativeTo(outDir, contractFile),
    contractFormat: format,
    logPath: relativeTo(outDir, log),
  });
  writeOutputFile(contractFile, contractText, '--out-dir');
  writeOutputFile(configFile, configText, '--out-dir');
  return {
    draft,
    files: files.map((f) => relativeTo(cwd, f)),
    skipped: sample.skipped,
    ...(sample.firstSkipped === undefined ? {} : { firstSkipped: sample.firstSkipped }),
    next: `lockstep replay --config ${relativeTo(cwd, configFile)} --training logged`,
  };
}
