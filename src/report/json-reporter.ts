import { stringifyLosslessJson } from '../codec/lossless-stringify.ts';
import type { Reporter, ReporterOutput, RunSummary } from './reporter.ts';

/**
 * Writes the whole run as one JSON document (`{ status, reports }`); big integers stay exact.
 * @public
 */
export class JsonReporter implements Reporter {
  constructor(private readonly out: ReporterOutput) {}

  onRunEnd(summary: RunSummary): void {
    this.out.write(
      `${stringifyLosslessJson({ status: summary.verdict.status, verdict: summary.verdict, durationMs: summary.durationMs, reports: summary.reports }, 2)}\n`,
    );
  }
}
