/**
 * `lockstep replay` of the card-fraud example with both sides in-process, through the same runner the CLI uses; or
 * with both sides `logged`, which runs no feature code at all and so measures the engine alone.
 */

// The built package (dist/), as a user gets it: the bench runs this file compiled (bench/compiled-script.ts).
import { loadConfig, runReplay } from 'lockstep';
import { applyStreamingHeapPolicy } from '../src/replay/heap-policy.ts';

// The same process set-up as the `lockstep` CLI.
applyStreamingHeapPolicy();
// args: <log> <config> [workers] [sides: "example" (default) or "logged", both sides reading the served features]
const [log, config, workers, sides] = process.argv.slice(2) as [string, string, string?, string?];
const started = performance.now();
const cpu = process.cpuUsage();
let routedAt = 0;
const phaseClock = {
  onProgress: (p: { phase: string }): void => {
    if (p.phase === 'compare' && routedAt === 0) routedAt = performance.now();
  },
};
const summary = await runReplay({
  config: await loadConfig(config, process.cwd()),
  cwd: process.cwd(),
  reporters: [phaseClock],
  logs: [log],
  ...(workers === undefined ? {} : { workers: Number(workers) }),
  ...(sides === 'logged' ? { training: 'logged', serving: 'logged' } : {}),
});
const seconds = (performance.now() - started) / 1000;
const spent = process.cpuUsage(cpu);
// CPU of the work alone (every thread of this process), the config's loading included, without Node's start.
const cpuSeconds = (spent.user + spent.system) / 1e6;
const counts = summary.reports[0]?.counts;
const partitionSeconds = (routedAt - started) / 1000;
const heapMB = Math.round(process.memoryUsage().heapUsed / 2 ** 20);
const maxRssMB = process.resourceUsage().maxRSS / 1024;
process.stdout.write(
  `${JSON.stringify({ records: counts?.read, seconds, cpuSeconds, partitionSeconds, counts, heapMB, maxRssMB })}\n`,
);
