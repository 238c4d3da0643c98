import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import type { FuzzResult } from '../fuzz/fuzz-result.ts';
import type { Verdict } from '../gate/verdict.ts';
import type { GoldenResult } from '../golden/golden-result.ts';
import type { ReplayReport } from '../replay/replay-report.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';
import type { RunInfo } from './run-info.ts';

/**
 * The version of the JSON report's shape (`reportVersion`). Bumped when a field changes meaning or is removed; adding a
 * field keeps it. `lockstep merge` reads the versions it knows and refuses others (docs/report-format.md).
 * @remarks Since 0.1
 * @public
 */
export const JSON_REPORT_VERSION = 1;

/**
 * The same number under the name earlier builds wrote (`schemaVersion`).
 * @public
 */
export const JSON_REPORT_SCHEMA_VERSION: number = JSON_REPORT_VERSION;

/**
 * What the JSON reporter writes (lockstep-report.json): one versioned document per run. Replay reports carry their
 * `mergeable` data, so that the documents of a run's shards merge into the one run's (`lockstep merge`).
 * @remarks Since 0.1
 * @public
 */
export interface JsonReportDocument {
  readonly reportVersion: number;
  /** The same as `reportVersion` (its name in earlier builds). */
  readonly schemaVersion: number;
  readonly lockstepVersion: string;
  readonly status: Verdict['status'];
  readonly verdict: Verdict;
  readonly run: RunInfo;
  readonly durationMs: number;
  readonly reports: readonly ReplayReport[];
  readonly fuzz?: readonly FuzzResult[];
  readonly golden?: readonly GoldenResult[];
}

/**
 * The JSON document of a run.
 * @param summary - the run's end
 * @remarks Since 0.1
 * @public
 */
export function jsonReportDocument(summary: RunSummary): JsonReportDocument {
  return {
    reportVersion: JSON_REPORT_VERSION,
    schemaVersion: JSON_REPORT_VERSION,
    lockstepVersion: summary.run.lockstepVersion,
    status: summary.verdict.status,
    verdict: summary.verdict,
    run: summary.run,
    durationMs: summary.durationMs,
    reports: summary.reports,
    ...(summary.fuzz === undefined ? {} : { fuzz: summary.fuzz }),
    ...(summary.golden === undefined ? {} : { golden: summary.golden }),
  };
}

/**
 * Writes the whole run as one versioned JSON document (see {@link JsonReportDocument}): `reportVersion`,
 * `lockstepVersion`, `status`, the `verdict`, the `run` info a history needs (git commit, command line, contracts and
 * where they are declared, start and end times, shard), `durationMs`, and the results: `reports` (replay, with what
 * merging shards needs), `fuzz` (fuzz) or `golden` (golden). Big integers stay exact.
 * @public
 */
export class JsonReporter implements Reporter {
  constructor(private readonly out: ReporterOutput) {}

  onRunEnd(summary: RunSummary): void {
    this.out.write(`${stringifyLosslessJson(jsonReportDocument(summary), 2)}\n`);
  }
}
