import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';

/**
 * The version of the JSON report's shape. Bumped when a field changes meaning or is removed; adding a field keeps it.
 * @public
 */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/**
 * Writes the whole run as one versioned JSON document: `schemaVersion`, `lockstepVersion`, `status`, the `verdict`,
 * the `run` info a history needs (git commit, command line, contracts and where they are declared, start and end
 * times, shard), `durationMs`, and the results: `reports` (replay), `fuzz` (fuzz) or `golden` (golden). Big integers stay exact.
 * @public
 */
export class JsonReporter implements Reporter {
  constructor(private readonly out: ReporterOutput) {}

  onRunEnd(summary: RunSummary): void {
    const document = {
      schemaVersion: JSON_REPORT_SCHEMA_VERSION,
      lockstepVersion: summary.run.lockstepVersion,
      status: summary.verdict.status,
      verdict: summary.verdict,
      run: summary.run,
      durationMs: summary.durationMs,
      reports: summary.reports,
      ...(summary.fuzz === undefined ? {} : { fuzz: summary.fuzz }),
      ...(summary.golden === undefined ? {} : { golden: summary.golden }),
    };
    this.out.write(`${stringifyLosslessJson(document, 2)}\n`);
  }
}
