/**
 * Lockstep on the pandas benchmark, through the runner `lockstep replay` calls: the Parquet table as the log,
 * bench/pandas/lockstep.config.ts for the sides. Minimization is off (the other tools have none). Prints one JSON
 * line like the other tools: records compared, records not compared, and each feature's divergence count.
 *
 *   node --import tsx bench/pandas/lockstep-run.ts bench/data/ecommerce-1000k.parquet
 */

// The built package (dist/), as a user gets it: the bench runs this file compiled (bench/compiled-script.ts).
import { loadConfig, runReplay } from 'lockstep';
import { applyStreamingHeapPolicy } from '../../src/replay/heap-policy.ts';

applyStreamingHeapPolicy();
const [parquet] = process.argv.slice(2) as [string];
const summary = await runReplay({
  config: await loadConfig('bench/pandas/lockstep.config.ts', process.cwd()),
  cwd: process.cwd(),
  reporters: [],
  logs: [parquet],
  minimizeSteps: 0,
});
const report = summary.reports[0];
if (report === undefined) throw new Error('lockstep-run: the replay reported no contract');
const { counts } = report;
const mismatches = Object.fromEntries(report.features.map((f) => [f.feature, f.diverged]));
// This process's own CPU (Node: read the Parquet, route, encode and decode Arrow, compare); the rest of the tree's CPU
// is the Python children's.
const own = process.cpuUsage();
const nodeCpuSeconds = (own.user + own.system) / 1e6;
process.stdout.write(
  `${JSON.stringify({ tool: 'lockstep', rows: counts.compared, missing: counts.read - counts.compared, nodeCpuSeconds, counts, mismatches })}\n`,
);
