import { SkewError } from '../errors.ts';
import { decodeCorpusValue, encodeCorpusValue } from '../snapshot/_corpus-json.ts';

/** The format version of `golden.jsonl`; a file of another format is refused. @public */
export const GOLDEN_FORMAT = 1;

/** One stored golden case: its name, its input, and each side's features as recorded. @public */
export interface GoldenCase {
  readonly name: string;
  readonly input: unknown;
  readonly training: Readonly<Record<string, unknown>>;
  readonly serving: Readonly<Record<string, unknown>>;
  /** The case's line in the file it was read from (the header is line 1), for messages; unset for a case not read. */
  readonly line?: number;
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

/**
 * Formats a golden file: a header line (`golden` format, contract, version), then one case a line sorted by name, keys
 * in a fixed order (`name`, `input`, `training`, `serving`; features in the contract's order), values the regression
 * corpus's JSON (tags for bigint, NaN, ±Infinity and -0), so a diff shows exactly which case, side and feature moved.
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
  const lines = [...file.cases]
    .sort((a, b) => byCodeUnits(a.name, b.name))
    .map((c) =>
      JSON.stringify({
        name: c.name,
        input: encodeCorpusValue(c.input),
        training: orderedFeatures(c.training, featureOrder),
        serving: orderedFeatures(c.serving, featureOrder),
      }),
    );
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

/**
 * Reads a golden file written by {@link formatGoldenFile}, decoding the corpus tags.
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
    const raw = parseLine(where, i + 2, body);
    if (typeof raw.name !== 'string' || !('input' in raw) || !isRecord(raw.training) || !isRecord(raw.serving)) {
      throw invalid(where, i + 2, 'not a golden case {"name","input","training":{…},"serving":{…}}');
    }
    if (names.has(raw.name)) throw invalid(where, i + 2, `a second case named "${raw.name}"`);
    names.add(raw.name);
    cases.push({
      name: raw.name,
      input: decodeCorpusValue(raw.input),
      training: decodeCorpusValue(raw.training) as Record<string, unknown>,
      serving: decodeCorpusValue(raw.serving) as Record<string, unknown>,
      line: i + 2,
    });
  });
  return { contract: header.contract, version: header.version, ...(accepted ? { accepted } : {}), cases };
}
