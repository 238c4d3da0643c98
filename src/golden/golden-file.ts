import { isDeepStrictEqual } from 'node:util';
import { replaceNonJsonTokens, topLevelValueSpan } from '../codec/json-span.ts';
import { parseLosslessJson } from '../codec/lossless-json.ts';
import { SkewError } from '../errors.ts';
import { decodeCorpusValue, encodeCorpusValue } from '../snapshot/_corpus-json.ts';
import type { GoldenSource } from './golden-result.ts';

/** The format version of `golden.jsonl`; a file of another format is refused. @public */
export const GOLDEN_FORMAT = 1;

/** One side's features for one input record, as recorded. @public */
export type GoldenFeatures = Readonly<Record<string, unknown>>;

/** What every stored golden case has. @public */
export interface GoldenCaseBase {
  readonly name: string;
  /** Absent: `config`. `log` and `corpus` cases live only in the file and are checked from their stored input. */
  readonly source?: GoldenSource;
  readonly input: unknown;
  /**
   * The text the file holds for `input`, one line of JSON (corpus tags for what JSON cannot hold), written back byte
   * for byte, so `20.0` and 64-bit integers survive. Absent: `input` is written as the corpus's JSON.
   */
  readonly inputText?: string;
  /** The case's line in the file it was read from (the header is line 1), for messages; unset for a case not read. */
  readonly line?: number;
}

/** A stored case of one input record and each side's features for it. @public */
export interface GoldenRecordCase extends GoldenCaseBase {
  readonly shape?: 'record';
  readonly training: GoldenFeatures;
  readonly serving: GoldenFeatures;
}

/** A stored case of an entity's whole history (`input` is its events) and each side's features per event, in order. @public */
export interface GoldenHistoryCase extends GoldenCaseBase {
  readonly shape: 'history';
  readonly training: readonly GoldenFeatures[];
  readonly serving: readonly GoldenFeatures[];
}

/** One stored golden case: its name, its input (or an entity's history), and each side's features as recorded. @public */
export type GoldenCase = GoldenRecordCase | GoldenHistoryCase;

/**
 * A case's feature records of one side, one per event (a record case has one).
 * @param c - the case
 * @param side - `training` or `serving`
 * @remarks Since 0.1
 * @public
 */
export function goldenEvents(c: GoldenCase, side: 'training' | 'serving'): readonly GoldenFeatures[] {
  return c.shape === 'history' ? c[side] : [c[side]];
}

/** A rewrite of stored values that was accepted without a contract version bump (`--accept-without-bump`). @public */
export interface GoldenAcceptance {
  /** The contract version the values were rewritten under. */
  readonly version: string;
  /** The cases whose stored values were rewritten. */
  readonly cases: readonly string[];
}

/** A contract's golden file: the contract it was recorded for, and its cases. @public */
export interface GoldenFile {
  readonly contract: string;
  readonly version: string;
  /** Every rewrite accepted without a version bump, oldest first (kept in the header, so review sees it). */
  readonly accepted?: readonly GoldenAcceptance[];
  readonly cases: readonly GoldenCase[];
}

/** Compares by UTF-16 code units: the same order on every machine and locale. */
function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A feature record with the contract's features first (in declaration order), then any other key sorted. */
function orderedFeatures(record: Readonly<Record<string, unknown>>, order: readonly string[]): Record<string, unknown> {
  const keys = [
    ...order.filter((k) => Object.hasOwn(record, k)),
    ...Object.keys(record)
      .filter((k) => !order.includes(k))
      .sort(byCodeUnits),
  ];
  return Object.fromEntries(keys.map((k) => [k, encodeCorpusValue(record[k])]));
}

const decodeInput = (text: string): unknown => decodeCorpusValue(parseLosslessJson(text));

/**
 * The text a golden file can hold verbatim for an input: the original JSON text when it is one line of JSON (read
 * losslessly) that reads as `input`, with Python's bare `NaN`/`Infinity` tokens written as the corpus's tags;
 * undefined otherwise (the file then holds `input` as the corpus's JSON).
 * @param text - the input's original JSON text (e.g. a log line's record)
 * @param input - the input it should read as
 * @remarks Since 0.1
 * @public
 */
export function verbatimInputText(text: string | undefined, input: unknown): string | undefined {
  const line = text?.trim();
  if (line === undefined || line === '' || /[\n\r]/.test(line)) return undefined;
  try {
    const tagged = replaceNonJsonTokens(line, (token) => JSON.stringify(encodeCorpusValue(Number(token))));
    return isDeepStrictEqual(decodeInput(tagged), input) ? tagged : undefined;
  } catch {
    return undefined;
  }
}

function caseLine(c: GoldenCase, featureOrder: readonly string[]): string {
  const head = JSON.stringify({
    name: c.name,
    ...(c.source === undefined || c.source === 'config' ? {} : { source: c.source }),
    ...(c.shape === 'history' ? { shape: 'history' } : {}),
  });
  const input = c.inputText ?? JSON.stringify(encodeCorpusValue(c.input));
  const sides = JSON.stringify(
    c.shape === 'history'
      ? {
          training: c.training.map((f) => orderedFeatures(f, featureOrder)),
          serving: c.serving.map((f) => orderedFeatures(f, featureOrder)),
        }
      : { training: orderedFeatures(c.training, featureOrder), serving: orderedFeatures(c.serving, featureOrder) },
  );
  return `${head.slice(0, -1)},"input":${input},${sides.slice(1)}`;
}

/**
 * Formats a golden file: a header line (`golden` format, contract, version), then one case a line sorted by name, keys
 * in a fixed order (`name`, `source` unless `config`, `shape` when `history`, `input`, `training`, `serving`; features
 * in the contract's order; a history's features one record per event), values the regression corpus's JSON (tags for
 * bigint, NaN, ±Infinity and -0), so a diff shows exactly which case, side and feature moved. An input read from a
 * file or a log keeps its text byte for byte (`inputText`).
 * @param file - the file's contents
 * @param featureOrder - the contract's feature names, in declaration order
 * @remarks Since 0.1
 * @public
 */
export function formatGoldenFile(file: GoldenFile, featureOrder: readonly string[]): string {
  const header = JSON.stringify({
    golden: GOLDEN_FORMAT,
    contract: file.contract,
    version: file.version,
    ...(file.accepted === undefined || file.accepted.length === 0 ? {} : { acceptedWithoutBump: file.accepted }),
  });
  const lines = [...file.cases].sort((a, b) => byCodeUnits(a.name, b.name)).map((c) => caseLine(c, featureOrder));
  return `${[header, ...lines].join('\n')}\n`;
}

function invalid(where: string, line: number, what: string): SkewError {
  return new SkewError(
    'SKEW_CONFIG_INVALID',
    `parseGoldenFile: ${where}:${line}: ${what}; fix the line, or delete the file and run lockstep golden to record it again`,
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function acceptedOf(where: string, value: unknown): GoldenAcceptance[] | undefined {
  if (value === undefined) return undefined;
  const ok =
    Array.isArray(value) &&
    value.every(
      (a) =>
        isRecord(a) &&
        typeof a.version === 'string' &&
        Array.isArray(a.cases) &&
        a.cases.every((c) => typeof c === 'string'),
    );
  if (!ok) throw invalid(where, 1, '"acceptedWithoutBump" is not a list of {"version":…,"cases":[…]}');
  return (value as GoldenAcceptance[]).map((a) => ({ version: a.version, cases: [...a.cases] }));
}

function parseLine(where: string, line: number, text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value)) return value;
  } catch {
    // reported below
  }
  throw invalid(where, line, 'not a JSON object');
}

const SOURCES: readonly unknown[] = ['config', 'log', 'corpus'];
const CASE_SHAPE =
  'not a golden case {"name","input","training":{…},"serving":{…}} (a history: "shape":"history", "input":[…] and one feature record per event)';

function features(value: unknown): Record<string, unknown> {
  return decodeCorpusValue(value) as Record<string, unknown>;
}

/** One case line; `raw` is its JSON.parse, whose input is replaced by the lossless reading of the line's own text. */
function parseCase(where: string, line: number, body: string, raw: Record<string, unknown>): GoldenCase {
  const { name, source, shape, training, serving } = raw;
  const span = topLevelValueSpan(body, 'input');
  const okSource = source === undefined || SOURCES.includes(source);
  if (typeof name !== 'string' || span === undefined || !okSource || (shape !== undefined && shape !== 'history')) {
    throw invalid(where, line, CASE_SHAPE);
  }
  const inputText = body.slice(span.start, span.end);
  const base = {
    name,
    ...(source === undefined || source === 'config' ? {} : { source: source as GoldenSource }),
    input: decodeInput(inputText),
    inputText,
    line,
  };
  if (shape === undefined) {
    if (!isRecord(training) || !isRecord(serving)) throw invalid(where, line, CASE_SHAPE);
    return { ...base, training: features(training), serving: features(serving) };
  }
  const events = Array.isArray(base.input) ? base.input.length : -1;
  const perEvent = (v: unknown): v is unknown[] => Array.isArray(v) && v.length === events && v.every(isRecord);
  if (!perEvent(training) || !perEvent(serving)) throw invalid(where, line, CASE_SHAPE);
  return { ...base, shape: 'history', training: training.map(features), serving: serving.map(features) };
}

/**
 * Reads a golden file written by {@link formatGoldenFile}, decoding the corpus tags. Each case keeps the text of its
 * input (`inputText`), read losslessly (integers beyond 2^53 become bigint), so a rewrite writes it back unchanged.
 * @param text - the file's text
 * @param where - the file's path, for messages
 * @throws SkewError `SKEW_CONFIG_INVALID` naming the line of a header or case that is not what it should be
 * @remarks Since 0.1
 * @public
 */
export function parseGoldenFile(text: string, where: string): GoldenFile {
  const lines = text.split('\n');
  const header = parseLine(where, 1, lines[0] ?? '');
  if (header.golden !== GOLDEN_FORMAT || typeof header.contract !== 'string' || typeof header.version !== 'string') {
    throw invalid(where, 1, `not a golden header {"golden":${GOLDEN_FORMAT},"contract":…,"version":…}`);
  }
  const accepted = acceptedOf(where, header.acceptedWithoutBump);
  const cases: GoldenCase[] = [];
  const names = new Set<string>();
  lines.slice(1).forEach((body, i) => {
    if (body.trim() === '') return;
    const c = parseCase(where, i + 2, body, parseLine(where, i + 2, body));
    if (names.has(c.name)) throw invalid(where, i + 2, `a second case named "${c.name}"`);
    names.add(c.name);
    cases.push(c);
  });
  return { contract: header.contract, version: header.version, ...(accepted ? { accepted } : {}), cases };
}
