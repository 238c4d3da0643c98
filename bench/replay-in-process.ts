/** `lockstep replay` of the card-fraud example with both sides in-process, through the same runner the CLI uses. */
import { loadConfig } from '../src/config/load-config.ts';
import { runReplay } from '../src/runner/run-replay.ts';

const [log, config] = process.argv.slice(2) as [string, string];
const started = performance.now();
const summary = await runReplay({
  config: await loadConfig(config, process.cwd()),
  cwd: process.cwd(),
  reporters: [],
  logs: [log],
});
const seconds = (performance.now() - started) / 1000;
const counts = summary.reports[0]?.counts;
process.stdout.write(
  `${JSON.stringify({ records: counts?.read, seconds, counts, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`,
);
