import type { Reporter, ReporterOutput, RunSummary } from '../reporter.ts';
import { formatHtmlReport } from './page.ts';

/**
 * Writes the run as one self-contained HTML page (lockstep-report.html): opens from disk or a CI artifact, fetches
 * nothing. See {@link formatHtmlReport}.
 * @remarks Since 0.1
 * @public
 */
export class HtmlReporter implements Reporter {
  constructor(private readonly out: ReporterOutput) {}

  onRunEnd(summary: RunSummary): void {
    this.out.write(formatHtmlReport(summary));
  }
}
