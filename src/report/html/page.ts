import { randomBytes } from 'node:crypto';
import type { RunSummary } from '../reporter.ts';
import { chartLibrary } from './chart-library.ts';
import { Charts } from './charts.ts';
import { CLIENT_SCRIPT } from './client-script.ts';
import { contractSection } from './contract-section.ts';
import { html, raw, scriptJson } from './escape.ts';
import { findingsSection } from './findings-section.ts';
import { STYLES } from './styles.ts';
import { countsSection, verdictSection } from './summary-section.ts';

/**
 * A run as one self-contained HTML page: the verdict first, then each contract's features (mismatch rate,
 * distributions, scatter with the tolerance band, worst records), divergence classes, sides' latency and history;
 * fuzz and golden findings as the CI reports list them.
 * Styles, Chart.js and the page's script are inline; a Content-Security-Policy forbids every fetch and any script
 * but the page's own (a nonce), and every logged string is escaped.
 * @param summary - the run's end
 * @remarks Since 0.1
 * @public
 */
export function formatHtmlReport(summary: RunSummary): string {
  const charts = new Charts();
  const contracts = summary.reports.map((r) => contractSection(summary, r, charts));
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; img-src data:`;
  const title = `Lockstep ${summary.run.command}: ${summary.verdict.status.toUpperCase()}`;
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${raw(STYLES)}</style>
</head>
<body>
<main>
${verdictSection(summary)}
${countsSection(summary)}
${findingsSection(summary)}
${contracts}
<footer>Lockstep ${summary.run.lockstepVersion} · written ${summary.run.endedAt} · one file, nothing fetched</footer>
</main>
<script type="application/json" id="lockstep-charts">${raw(scriptJson(charts.specs))}</script>
<script nonce="${nonce}">${raw(chartLibrary())}</script>
<script nonce="${nonce}">${raw(CLIENT_SCRIPT)}</script>
</body>
</html>
`;
  return page.value;
}
