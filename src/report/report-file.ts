import { parseLosslessJson } from '../codec/lossless-json.ts';
import { SkewError } from '../errors.ts';
import { JSON_REPORT_VERSION, type JsonReportDocument } from './json-reporter.ts';

/** The `reportVersion`s this Lockstep reads. @public */
export const READABLE_REPORT_VERSIONS: readonly number[] = [JSON_REPORT_VERSION];

/** A JSON report read from a file, with where it came from (for messages). @public */
export interface ReportFile {
  readonly location: string;
  readonly document: JsonReportDocument;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function fail(location: string, what: string): SkewError {
  return new SkewError('SKEW_USAGE', `runMerge: ${location} ${what}`);
}

/** The fields a replay report must have to be merged; the first missing one, if any. */
function missingField(report: Record<string, unknown>): string | undefined {
  const contract = report.contract;
  if (!isObject(contract) || typeof contract.name !== 'string' || typeof contract.version !== 'string')
    return 'contract';
  for (const key of ['counts', 'mergeable'] as const) if (!isObject(report[key])) return key;
  for (const key of [
    'sources',
    'sourceLineOffsets',
    'features',
    'classes',
    'sides',
    'invalid',
    'sourceErrors',
  ] as const)
    if (!Array.isArray(report[key])) return key;
  const mergeable = report.mergeable as Record<string, unknown>;
  if (typeof mergeable.exampleLimit !== 'number' || !Array.isArray(mergeable.features) || !isObject(mergeable.latency))
    return 'mergeable';
  return undefined;
}

/**
 * Reads a Lockstep JSON report (lockstep-report.json) for merging: JSON, a `reportVersion` this Lockstep reads, a
 * replay's report, every contract's report with its merge data.
 * @param text - the file's content
 * @param location - its path, for messages
 * @throws SkewError `SKEW_USAGE` naming the file and what is wrong with it (exit 2)
 * @remarks Since 0.1
 * @public
 */
export function parseReportFile(text: string, location: string): ReportFile {
  let raw: unknown;
  try {
    raw = parseLosslessJson(text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw fail(location, `is not JSON (${why}); expected a lockstep-report.json written by --reporter json`);
  }
  if (!isObject(raw) || (raw.reportVersion === undefined && raw.schemaVersion === undefined)) {
    throw fail(
      location,
      'is not a Lockstep JSON report (no reportVersion); pass the lockstep-report.json files of the shards',
    );
  }
  if (raw.reportVersion === undefined) {
    throw fail(
      location,
      `was written by a Lockstep without merge support (schemaVersion ${String(raw.schemaVersion)}, no reportVersion); run that shard again with this version`,
    );
  }
  const version = raw.reportVersion;
  if (typeof version !== 'number' || !READABLE_REPORT_VERSIONS.includes(version)) {
    throw fail(
      location,
      `has reportVersion ${String(version)}, which this Lockstep does not read (it reads ${READABLE_REPORT_VERSIONS.join(', ')}); merge with the Lockstep version that wrote it`,
    );
  }
  const run = raw.run;
  if (!isObject(run) || run.command !== 'replay') {
    const command = isObject(run) ? String(run.command) : 'unknown';
    throw fail(location, `is the report of a ${command} run; only replay reports merge`);
  }
  if (!Array.isArray(raw.reports) || raw.reports.length === 0) throw fail(location, 'holds no replay report');
  for (const [i, report] of (raw.reports as unknown[]).entries()) {
    const missing = isObject(report) ? missingField(report) : 'the report';
    if (missing !== undefined) {
      throw fail(location, `reports[${i}] lacks ${missing === 'mergeable' ? 'its merge data (mergeable)' : missing}`);
    }
  }
  return { location, document: raw as unknown as JsonReportDocument };
}
