/**
 * `lockstep replay` as a user runs it: the built CLI (bin/lockstep.js on dist/, built by compiled-script.ts) under
 * plain `node`, its TypeScript config loaded through tsx as a user's is, the JSON report written to a fresh directory.
 * bench/cli-probe.mjs adds the process's own CPU and wall time as its last stdout line; the report's counts are read
 * back after the run (see measure-child.ts, `resultFile`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackage } from './compiled-script.ts';
import type { ChildCommand } from './measure-child.ts';

/** How a bench replay runs. */
export interface CliReplayOptions {
  /** Environment variables for the run. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run the CLI from its TypeScript sources through tsx instead of the build (the bench's tests: no build). */
  readonly fromSource?: boolean;
}

/** The report directories made in this process: removed when it exits (a command may run in several rounds). */
const reportDirs: string[] = [];
process.on('exit', () => {
  for (const dir of reportDirs) rmSync(dir, { recursive: true, force: true });
});

/** The command for one `lockstep replay` of `log` with `config`; `extra` are further CLI options. */
export function cliReplay(
  config: string,
  log: string,
  extra: readonly string[] = [],
  options: CliReplayOptions = {},
): ChildCommand {
  if (options.fromSource !== true) buildPackage();
  const cli = options.fromSource === true ? ['--import', 'tsx', 'bench/cli-from-source.ts'] : ['bin/lockstep.js'];
  const out = mkdtempSync(join(tmpdir(), 'lockstep-bench-report-'));
  reportDirs.push(out);
  return {
    command: process.execPath,
    args: [
      '--import',
      './bench/cli-probe.mjs',
      ...cli,
      'replay',
      '--config',
      config,
      '--log',
      log,
      '--no-history',
      '--reporter',
      'json',
      '--output-dir',
      out,
      ...extra,
    ],
    resultFile: join(out, 'lockstep-report.json'),
    ...(options.env === undefined ? {} : { env: options.env }),
  };
}
